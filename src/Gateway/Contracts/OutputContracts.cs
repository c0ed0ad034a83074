namespace MoviePipeline.Gateway.Contracts;

// The JSON shapes of the phase outputs in docs/api.md.

/// <summary>A scene; <see cref="Characters"/> is a JSON array in a string, as the frontend expects.</summary>
public sealed record SceneDto(
    long Id, long ProjectId, int SceneNumber, string Title, string Description, string Setting, string Characters,
    string Dialogue, double Duration, int Order, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A character or a setting (they share a shape).</summary>
public sealed record DescribedEntityDto(
    long Id, long ProjectId, string Name, string Description, string VisualDescription, string? ImageUrl,
    string? ImageKey, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A storyboard image; <see cref="ErrorMessage"/> (beyond docs/api.md) says why a failed frame could not be made.</summary>
public sealed record StoryboardImageDto(
    long Id, long SceneId, long ProjectId, string? ImageUrl, string? ImageKey, string Prompt, string Status,
    DateTime CreatedAt, DateTime UpdatedAt, string? ErrorMessage, bool Reused);

/// <summary>A scene's clip; <see cref="Prompt"/> (beyond docs/api.md) is the video prompt it was made from.</summary>
public sealed record GeneratedVideoDto(
    long Id, long SceneId, long ProjectId, string? VideoUrl, string? VideoKey, double Duration, string Status,
    string? ErrorMessage, DateTime CreatedAt, DateTime UpdatedAt, string Prompt, bool Reused);

public sealed record FinalMovieDto(
    long Id, long ProjectId, string? MovieUrl, string? MovieKey, double Duration, string Status,
    DateTime CreatedAt, DateTime UpdatedAt, bool Reused);
