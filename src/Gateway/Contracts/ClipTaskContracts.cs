using System.Text.Json.Serialization;

namespace MoviePipeline.Gateway.Contracts;

// The JSON shapes of docs/api.md's "Test Video" section: snake_case, as the client reads them.

public sealed record ClipTaskCreatedDto(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("prompt")] string Prompt);

public sealed record ClipTaskStatusDto(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("video_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VideoUrl = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
