using System.Globalization;
using System.Text;
using MoviePipeline.Media;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>
/// The video prompt of a scene's clip (the API's GeneratedVideo prompt): what a video model would be asked to make.
/// The local assembler films the storyboard frame with a slow camera move, speech and subtitles, which is what it says.
/// </summary>
public static class ClipPrompt
{
    /// <summary>Longest spoken line quoted in the prompt.</summary>
    public const int MaxQuoteLength = 100;

    public static string Build(AnalyzedScene scene, string projectTitle, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Cinematic 16:9 shot, about {durationSeconds:0.#} s, scene {scene.Number}");
        if (!string.IsNullOrWhiteSpace(projectTitle))
            text.Append(" of \"").Append(TextTools.Clean(projectTitle)).Append('"');
        text.Append(": ").Append(TextTools.Clean(scene.Title)).Append('.');
        var action = FramePrompt.KeyAction(scene);
        if (action.Length > 0)
            text.Append(' ').Append(action);
        text.Append(" Slow camera move over the storyboard frame.");

        var speakers = scene.Dialogue.Select(l => TextTools.Clean(l.Character)).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (speakers.Count > 0)
        {
            text.Append(' ').AppendJoin(", ", speakers).Append(speakers.Count == 1 ? " speaks" : " speak");
            text.Append(" (").Append(scene.Dialogue.Count).Append(scene.Dialogue.Count == 1 ? " line" : " lines").Append("), starting: \"")
                .Append(TextTools.Shorten(TextTools.Clean(scene.Dialogue[0].Text), MaxQuoteLength)).Append("\"; subtitles at the bottom.");
        }
        else
        {
            text.Append(" No dialogue; quiet room tone.");
        }

        return text.ToString();
    }
}
