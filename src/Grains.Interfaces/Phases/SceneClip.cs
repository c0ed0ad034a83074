namespace MoviePipeline.Phases;

/// <summary>A scene's video clip, its prompt and its state.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.SceneClip")]
public sealed record SceneClip(
    int SceneNumber,
    string? VideoKey,
    string Prompt,
    double Duration,
    ClipStatus Status,
    string? ErrorMessage,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    // Found made by an earlier run from the same inputs.
    bool Reused = false);
