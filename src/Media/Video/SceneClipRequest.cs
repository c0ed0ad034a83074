using MoviePipeline.Media.Artifacts;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>One scene to turn into a clip: its storyboard frame, its dialogue spoken, its subtitles.</summary>
/// <param name="ProjectId">The project; output keys come from <see cref="ArtifactKeys"/>.</param>
/// <param name="Scene">The scene (number, dialogue, estimated duration).</param>
public sealed record SceneClipRequest(long ProjectId, AnalyzedScene Scene)
{
    /// <summary>The still to film; by default the scene's accepted storyboard frame.</summary>
    public string? FrameKey { get; init; }

    /// <summary>Every character name of the project: keeps voices apart.</summary>
    public IReadOnlyList<string>? Cast { get; init; }
}
