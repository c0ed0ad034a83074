namespace MoviePipeline.Media.Video;

/// <summary>Progress of <see cref="MovieAssembler.AssembleAsync"/>: reported after each scene clip and at the end.</summary>
/// <param name="Fraction">0-1 of the whole assembly; never goes down.</param>
/// <param name="ScenesDone">Scene clips finished so far.</param>
/// <param name="SceneCount">Scene clips in all.</param>
/// <param name="FinishedClip">The clip that just finished, or null for the final report.</param>
public sealed record MovieProgress(double Fraction, int ScenesDone, int SceneCount, SceneClipResult? FinishedClip);
