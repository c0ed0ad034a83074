using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Answers what the framework could not bind (a route id, a JSON body, a body too large) with a problem detail that says
/// what to fix, instead of the framework's sentence about parameter types. Binding throws for this to see it
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>).
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (status, title, detail) = Describe(context, bad);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int Status, string Title, string Detail) Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return (bad.StatusCode, Problems.TooLargeTitle, "The request body is larger than the gateway accepts.");
        if (bad.InnerException is JsonException json)
        {
            var where = json.Path is { Length: > 1 } path ? $" at '{path.TrimStart('$', '.')}'" : "";
            return (StatusCodes.Status400BadRequest, Problems.BadRequestTitle,
                $"The request body is not valid JSON of the expected shape{where}: {FirstSentence(json.Message)}");
        }
        // The handler runs with the request's routing cleared; the feature keeps what the failed request had.
        var route = context.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? context.Request.RouteValues;
        if (route.TryGetValue("id", out var id) && !ProjectId.TryParse(id as string, out _))
            return (StatusCodes.Status400BadRequest, Problems.BadRequestTitle, Problems.NotAProjectId(id as string ?? ""));
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (bad.StatusCode, "The request body is not JSON.", Problems.NotJson);
        return (bad.StatusCode, Problems.BadRequestTitle, "The request could not be read: a parameter or the body is not of the expected form.");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
