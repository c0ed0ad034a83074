using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Reads a JSON request body ourselves, so every way it can be wrong (not JSON, wrong types,
/// too large) gets a problem detail that says what to fix, never a 500 or an empty 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return (null, null);
            return (JsonSerializer.Deserialize<T>(buffer.ToArray(), options), null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at '{path.TrimStart('$', '.')}'" : "";
            return (null, Problems.BadRequest($"The request body is not valid JSON of the expected shape{where}: {FirstSentence(ex.Message)}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge("The request body is larger than the gateway accepts."));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
