using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// The answers the framework gives by itself (no route matched: 404, a method the route does not take: 405, a body that
/// is not JSON: 415) and the size limits of a request line and its headers (414, 431), each as a problem detail with a
/// sentence for people: the framework's own have a title and no <c>detail</c>, and Kestrel's size refusals have no body.
/// </summary>
public static class FrameworkProblems
{
    /// <summary>The longest request target (path and query) the gateway reads, as Kestrel's default request line.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The most header bytes (names and values) the gateway reads, Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// Kestrel refuses larger requests before any middleware runs, with an empty body. Its own limits are set four times
    /// ours, so that up to them <see cref="UseRequestLimits"/> answers with a sentence; beyond them Kestrel still does.
    /// </summary>
    public static void RaiseServerLimits(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = 4 * MaxTargetLength;
        kestrel.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
    }

    /// <summary>Refuses a request target over <see cref="MaxTargetLength"/> (414) or headers over <see cref="MaxHeaderBytes"/> (431).</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path.Value + context.Request.QueryString.Value;
        var headerBytes = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values) headerBytes += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n"
        }

        // Invariant: the sentence is the same whatever the server's locale.
        var (status, detail) = target.Length > MaxTargetLength
            ? (StatusCodes.Status414UriTooLong, string.Create(CultureInfo.InvariantCulture,
                $"The address is {target.Length:N0} characters long; the gateway reads at most {MaxTargetLength:N0}. Send long text in a JSON body."))
            : headerBytes > MaxHeaderBytes
                ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"The request's headers are {headerBytes:N0} bytes; the gateway reads at most {MaxHeaderBytes:N0}. Large cookies are the usual cause."))
                : (0, "");
        if (status == 0)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = ReasonPhrases.GetReasonPhrase(status) + ".", Detail = detail },
        });
    });

    /// <summary>Gives a problem detail the framework wrote without a sentence one that says what happened.</summary>
    public static void AddSentence(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null) return;
        var request = context.HttpContext.Request;
        var path = Shorten(request.Path.Value ?? "/");
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {path}. The API is under /api; /docs describes it.",
            StatusCodes.Status405MethodNotAllowed => context.HttpContext.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{request.Method} is not allowed on {path}; it takes {string.Join(", ", allow.ToArray())}."
                : $"{request.Method} is not allowed on {path}.",
            StatusCodes.Status415UnsupportedMediaType => Problems.NotJson,
            >= 500 => "The service could not answer this request. Try again in a moment.",
            { } status => $"The request was refused ({ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant()}).",
            null => "The request was refused.",
        };
    }

    private static string Shorten(string path) => path.Length <= 100 ? path : path[..100] + "…";
}
