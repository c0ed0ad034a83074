using Microsoft.AspNetCore.Http.HttpResults;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>RFC 9457 problem details whose <c>detail</c> is a sentence a person understands.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the current state.");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large.");

    public static ProblemHttpResult ProjectNotFound(long id) => NotFound($"There is no project with id {id}.");

    /// <summary>Parses a path id: a positive 64-bit integer.</summary>
    public static bool TryParseId(string raw, out long id, out ProblemHttpResult? problem)
    {
        if (long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0)
        {
            problem = null;
            return true;
        }
        problem = BadRequest($"'{Truncate(raw)}' is not a project id; ids are positive whole numbers.");
        return false;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
