using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>One scene to turn into a clip: its storyboard frame, its dialogue spoken, its subtitles.</summary>
/// <param name="ProjectId">The project; output keys come from <see cref="ArtifactKeys"/>.</param>
/// <param name="Scene">The scene (number, dialogue, estimated duration).</param>
public sealed record SceneClipRequest(long ProjectId, AnalyzedScene Scene)
{
    /// <summary>The still to film; by default the scene's accepted storyboard frame.</summary>
    public string? FrameKey { get; init; }

    /// <summary>Every character name of the project: keeps voices apart when <see cref="Voices"/> is not given.</summary>
    public IReadOnlyList<string>? Cast { get; init; }

    /// <summary>The voices cast for the script (<see cref="VoiceCasting.Cast"/>); by default each name's own.</summary>
    public VoiceCast? Voices { get; init; }
}
