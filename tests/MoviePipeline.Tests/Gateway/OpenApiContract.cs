using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MoviePipeline.Tests.Gateway;

/// <summary>
/// The gateway's own OpenAPI document as a contract for its answers: whether an operation documents a status, and
/// whether a JSON body matches the schema documented for that status and content type (JSON Schema 2020-12, which
/// OpenAPI 3.1 schemas are).
/// </summary>
public sealed class OpenApiContract(JsonElement document)
{
    private readonly JsonNode _schemas = JsonNode.Parse(Rebase(document.GetProperty("components").GetProperty("schemas").GetRawText()))!;

    public static async Task<OpenApiContract> LoadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return new OpenApiContract(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>What in <paramref name="response"/> the document does not describe; empty when it describes all of it.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(HttpMethod method, string pathTemplate, HttpResponseMessage response)
    {
        var call = $"{method} {pathTemplate} → {(int)response.StatusCode}";
        if (!document.GetProperty("paths").TryGetProperty(pathTemplate, out var path)
            || !path.TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
            return [$"{call}: the document has no such operation."];
        if (!operation.GetProperty("responses").TryGetProperty(((int)response.StatusCode).ToString(), out var documented))
            return [$"{call}: the status is not documented for this operation."];

        var body = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0 || contentType is null) return [];
        if (!documented.TryGetProperty("content", out var contents) || !contents.TryGetProperty(contentType, out var content))
            return [$"{call}: the content type {contentType} is not documented for this status."];
        if (!contentType.Contains("json", StringComparison.Ordinal) || !content.TryGetProperty("schema", out var schema)) return [];

        var results = SchemaFor(schema).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return [$"{call}: the body does not match the documented schema: {string.Join("; ", errors)}\n{Shorten(body)}"];
    }

    // The operation's schema with the document's component schemas beside it as $defs, so that its references resolve.
    private JsonSchema SchemaFor(JsonElement schema)
    {
        var root = JsonNode.Parse(Rebase(schema.GetRawText()))!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _schemas.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"urn:moviepipeline-openapi:{Guid.NewGuid():N}"));
    }

    private static string Rebase(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "…";
}
