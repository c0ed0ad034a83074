namespace MoviePipeline.Phases;

/// <summary>
/// A scene's storyboard image: where it is stored, the prompt it was made from, and its state;
/// <see cref="ErrorMessage"/> says why a <see cref="FrameStatus.Failed"/> frame could not be made.
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.SceneFrame")]
public sealed record SceneFrame(
    int SceneNumber,
    string? ImageKey,
    string Prompt,
    FrameStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? ErrorMessage = null,
    // Found made by an earlier run from the same inputs (see docs/design.md, "Reuse by inputs").
    bool Reused = false);
