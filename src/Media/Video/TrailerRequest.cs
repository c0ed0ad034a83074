using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
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

    /// <summary>What is heard over each frame (parallel to <see cref="FrameKeys"/>; null for silence); heard only when the trailer is cut as a piece.</summary>
    public IReadOnlyList<DialogueLine?> Lines { get; init; } = [];

    /// <summary>The voices of the script's cast, for <see cref="Lines"/>.</summary>
    public VoiceCast? Voices { get; init; }

    /// <summary>A trailer line is at most this long: a shot lasts a few seconds.</summary>
    public const int MaxLineCharacters = 80;

    /// <summary>The trailer of <paramref name="analysis"/>: its trailer scenes' storyboard frames (all scenes when none are picked).</summary>
    public static TrailerRequest For(long projectId, ScriptAnalysis analysis, Func<long, int, string>? frameKey = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        frameKey ??= ArtifactKeys.StoryboardFrame;
        var numbers = analysis.TrailerSceneNumbers.Count > 0
            ? analysis.TrailerSceneNumbers
            : [.. analysis.Scenes.Select(s => s.Number).Order()];
        var scenes = analysis.Scenes.ToDictionary(s => s.Number);
        return new TrailerRequest(analysis.Title, [.. numbers.Select(n => frameKey(projectId, n))], ArtifactKeys.Trailer(projectId))
        {
            Lines = [.. numbers.Select(n => scenes.TryGetValue(n, out var scene) ? TrailerLine(scene) : null)],
            Voices = VoiceCasting.Cast(analysis.Characters, analysis.Scenes),
        };
    }

    /// <summary>
    /// The line a scene's shot carries in the trailer: its shortest line of two words or more (a trailer quotes, it
    /// does not tell), cut to its first sentence when longer than <see cref="MaxLineCharacters"/>; null for a scene nobody speaks in.
    /// </summary>
    public static DialogueLine? TrailerLine(AnalyzedScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var line = scene.Dialogue.Where(l => l.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2)
            .OrderBy(l => l.Text.Length).FirstOrDefault() ?? scene.Dialogue.FirstOrDefault();
        if (line is null)
            return null;
        var text = TextTools.SentenceParts(line.Text, MaxLineCharacters).First();
        return line with { Text = text };
    }
}
