using System.Globalization;
using System.Text;

namespace MoviePipeline.Screenplay.Tests;

/// <summary>
/// Writes a <see cref="ScriptAnalysis"/> as the plain text that the corpus's <c>.expected</c> files hold,
/// so a whole analysis is compared at once and a difference shows as a readable line.
/// </summary>
public static class AnalysisReport
{
    public static string Render(ScriptAnalysis analysis)
    {
        var sb = new StringBuilder();
        sb.Append("title: ").Append(analysis.Title).Append('\n');
        foreach (var scene in analysis.Scenes)
        {
            sb.Append('\n');
            sb.Append("scene ").Append(scene.Number).Append(": ").Append(scene.Title).Append('\n');
            sb.Append("  setting: ").Append(scene.Setting).Append('\n');
            sb.Append("  characters: ").Append(string.Join(", ", scene.Characters)).Append('\n');
            if (scene.Presence is { } presence)
            {
                sb.Append("  present: ").Append(string.Join(", ", presence.Present)).Append('\n');
                if (presence.HeardOnly.Count > 0)
                {
                    sb.Append("  heard only: ").Append(string.Join(", ", presence.HeardOnly)).Append('\n');
                }

                if (presence.Mentioned.Count > 0)
                {
                    sb.Append("  mentioned: ").Append(string.Join(", ", presence.Mentioned)).Append('\n');
                }
            }

            sb.Append("  seen: ").Append(scene.InteriorExterior).Append(" | ").Append(scene.TimeOfDay).Append('\n');
            if (scene.TitleCard is { } card)
            {
                Block(sb, "  title card", card);
            }

            if (scene.Narration is { } narration)
            {
                Block(sb, "  narration", narration);
            }

            sb.Append("  duration: ").Append(scene.DurationSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
            Block(sb, "  description", scene.Description);
            if (scene.Dialogue.Count > 0)
            {
                sb.Append("  dialogue:\n");
                foreach (var line in scene.Dialogue)
                {
                    sb.Append("    ").Append(line);
                    if (line.Speakers is { } speakers)
                    {
                        sb.Append(" [").Append(string.Join(" + ", speakers)).Append(']');
                    }

                    if (line.Source != LineSource.OnScreen)
                    {
                        sb.Append(" [").Append(line.Source).Append(']');
                    }

                    sb.Append('\n');
                }
            }
        }

        foreach (var character in analysis.Characters)
        {
            sb.Append('\n');
            sb.Append("character ").Append(character.Name).Append(": ").Append(character.LineCount).Append(" lines\n");
            if (character.Traits is { } traits)
            {
                sb.Append("  traits: ").Append(traits.Kind).Append(", ").Append(traits.Gender).Append(", age ")
                    .Append(traits.Age?.ToString(CultureInfo.InvariantCulture) ?? "unknown").Append('\n');
            }

            Block(sb, "  description", character.Description);
            Block(sb, "  visual", character.VisualDescription);
        }

        foreach (var setting in analysis.Settings)
        {
            sb.Append('\n');
            sb.Append("setting ").Append(setting.Name).Append('\n');
            sb.Append("  place: ").Append(setting.InteriorExterior).Append(" | ").Append(setting.Location)
                .Append(" | ").Append(setting.TimeOfDay).Append(" | ").Append(setting.SceneCount).Append(" scene(s)\n");
            Block(sb, "  description", setting.Description);
            Block(sb, "  visual", setting.VisualDescription);
        }

        sb.Append('\n');
        sb.Append("trailer: ").Append(string.Join(", ", analysis.TrailerSceneNumbers)).Append('\n');
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, string label, string text)
    {
        sb.Append(label).Append(':');
        if (!text.Contains('\n'))
        {
            sb.Append(' ').Append(text).Append('\n');
            return;
        }

        sb.Append('\n');
        foreach (var line in text.Split('\n'))
        {
            sb.Append("    ").Append(line).Append('\n');
        }
    }
}
