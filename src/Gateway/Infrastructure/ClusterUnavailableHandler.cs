using Microsoft.AspNetCore.Diagnostics;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>Turns "no silo answers" and "storage does not answer" into a 503 problem detail instead of a 500.</summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>About as long as a silo takes to come back, or the reminder service to start.</summary>
    private const string RetryAfterSeconds = "2";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            _ when ClusterCalls.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "The service is unavailable.",
                "No silo is answering right now (the service may be starting or restarting). Try again in a moment."),
            MoviePipeline.Projects.ProjectStorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The service is unavailable.",
                "The service's storage is not answering right now, and the request changed nothing. Try again in a moment."),
            TimeoutException => (StatusCodes.Status504GatewayTimeout, "The service took too long.",
                "The service did not answer in time. Try again in a moment."),
            _ => (0, "", ""),
        };
        if (status == 0) return false;

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
