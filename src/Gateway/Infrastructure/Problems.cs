using Microsoft.AspNetCore.Http.HttpResults;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>RFC 9457 problem details whose <c>detail</c> is a sentence a person understands.</summary>
public static class Problems
{
    public const string BadRequestTitle = "The request is not valid.";
    public const string TooLargeTitle = "The request is too large.";
    public const string NotJson = "Send the body as JSON, with the header Content-Type: application/json.";

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: BadRequestTitle);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the current state.");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: TooLargeTitle);

    /// <summary>429 with <c>Retry-After</c> when the refused lease says when to try again.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, System.Threading.RateLimiting.RateLimitLease lease, string detail)
    {
        var retry = "";
        if (lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            retry = seconds == 1 ? " Try again in a second." : $" Try again in {seconds} seconds.";
        }
        return TypedResults.Problem(detail + retry, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }

    public static ProblemHttpResult ProjectNotFound(long id) => NotFound($"There is no project with id {id}.");

    public static string NotAProjectId(string raw) => $"'{Truncate(raw)}' is not a project id; ids are positive whole numbers.";

    /// <summary>Parses a version a client has seen (<c>?after=</c>, <c>Last-Event-ID</c>): a whole number from 0.</summary>
    public static bool TryParseVersion(string raw, string source, out long version, out ProblemHttpResult? problem)
    {
        if (long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version))
        {
            problem = null;
            return true;
        }
        problem = BadRequest($"{source} '{Truncate(raw)}' is not a version number; versions are whole numbers from 0.");
        return false;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
