using MoviePipeline.Media.Artifacts;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>The trailer to cut: a title card, then the given frames in order, then a closing card.</summary>
/// <param name="Title">The screenplay's title, for the cards.</param>
/// <param name="FrameKeys">Artifact keys of the frames to show, in order.</param>
/// <param name="OutputKey">Where the MP4 goes, normally <see cref="ArtifactKeys.Trailer"/>.</param>
public sealed record TrailerRequest(string Title, IReadOnlyList<string> FrameKeys, string OutputKey)
{
    /// <summary>A line under the title on the opening card.</summary>
    public string? Tagline { get; init; }

    /// <summary>The trailer of <paramref name="analysis"/>: its trailer scenes' storyboard frames (all scenes when none are picked).</summary>
    public static TrailerRequest For(long projectId, ScriptAnalysis analysis, Func<long, int, string>? frameKey = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        frameKey ??= ArtifactKeys.StoryboardFrame;
        var numbers = analysis.TrailerSceneNumbers.Count > 0
            ? analysis.TrailerSceneNumbers
            : [.. analysis.Scenes.Select(s => s.Number).Order()];
        return new TrailerRequest(analysis.Title, [.. numbers.Select(n => frameKey(projectId, n))], ArtifactKeys.Trailer(projectId));
    }
}
