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
            var field = json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null;
            var where = field is null ? "" : $" at '{field}'";
            // The serializer's sentence for a value of the wrong type names .NET types; say what JSON is expected instead.
            var why = json.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? Expected(context, field)
                : FirstSentence(json.Message);
            return (StatusCodes.Status400BadRequest, Problems.BadRequestTitle,
                $"The request body is not valid JSON of the expected shape{where}: {why}");
        }
        // The handler runs with the request's routing cleared; the feature keeps what the failed request had.
        var route = context.Features.Get<IExceptionHandlerFeature>()?.RouteValues ?? context.Request.RouteValues;
        if (route.TryGetValue("id", out var id) && !ProjectId.TryParse(id as string, out _))
            return (StatusCodes.Status400BadRequest, Problems.BadRequestTitle, Problems.NotAProjectId(id as string ?? ""));
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (bad.StatusCode, "The request body is not JSON.", Problems.NotJson);
        return (bad.StatusCode, Problems.BadRequestTitle, "The request could not be read: a parameter or the body is not of the expected form.");
    }

    /// <summary>What the body (or its <paramref name="field"/>) should be, from the endpoint's request type.</summary>
    private static string Expected(HttpContext context, string? field)
    {
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (field is null) return "it should be a JSON object.";
        var property = requestType?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            null => "this value has the wrong type.",
            _ when type == typeof(string) => "it should be a string (text in double quotes).",
            _ when type == typeof(bool) => "it should be true or false.",
            _ when type.IsPrimitive || type == typeof(decimal) => "it should be a number.",
            _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "it should be a list.",
            _ => "it should be a JSON object.",
        };
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
