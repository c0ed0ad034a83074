namespace MoviePipeline.Phases;

/// <summary>What phase 3 produced: a clip per scene and the final cut.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.MovieOutput")]
public sealed record MovieOutput(IReadOnlyList<SceneClip> Clips, FinalCut? Movie);
