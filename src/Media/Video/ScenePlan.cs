using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Media.Video;

/// <summary>
/// A scene's clip half made (<see cref="MovieAssembler.PlanSceneAsync"/>): its lines spoken, its sound track and
/// subtitles in the clip's piece, its length in frames; or the clip found made by an earlier run. Filmed by
/// <see cref="MovieAssembler.FilmSceneAsync"/>.
/// </summary>
public sealed class ScenePlan
{
    internal ScenePlan(int sceneNumber, PieceFolder piece, IReadOnlyList<string> speechKeys, int frameCount)
    {
        SceneNumber = sceneNumber;
        Piece = piece;
        SpeechKeys = speechKeys;
        FrameCount = frameCount;
    }

    public int SceneNumber { get; }

    /// <summary>The clip's piece: its sound track (and subtitles) are there already; the clip and the manifest come with filming.</summary>
    public PieceFolder Piece { get; }

    public IReadOnlyList<string> SpeechKeys { get; }

    /// <summary>The clip's length in video frames.</summary>
    public int FrameCount { get; }

    /// <summary>Whether the clip was found made: filming it then makes nothing.</summary>
    public bool IsMade => Made is not null;

    internal MovieAssembler.ClipManifest? Made { get; init; }

    internal byte[]? Frame { get; init; }

    internal string? FrameHash { get; init; }

    internal IReadOnlyList<SubtitleCue> Cues { get; init; } = [];

    internal double SpeechSeconds { get; init; }
}
