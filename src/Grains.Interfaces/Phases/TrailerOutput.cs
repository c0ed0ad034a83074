using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases;

/// <summary>What phase 1 produced: the script analysis, a draft frame per scene and the trailer.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.TrailerOutput")]
public sealed record TrailerOutput(
    ScriptAnalysis Analysis,
    IReadOnlyList<SceneFrame> DraftFrames,
    string? TrailerKey,
    double TrailerDuration,
    DateTime CreatedAt,
    // Cut by an earlier run from the same frames.
    bool TrailerReused = false);
