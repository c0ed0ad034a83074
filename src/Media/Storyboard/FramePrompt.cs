using System.Text;

namespace MoviePipeline.Media.Storyboard;

/// <summary>
/// The text prompt behind a frame (the API's StoryboardImage.prompt): what an image model would be asked to draw.
/// Attempt 2 and later ask for more detail, lighting and expressions.
/// </summary>
public static class FramePrompt
{
    /// <summary>Longest key action taken from a scene description.</summary>
    public const int MaxActionLength = 160;

    /// <summary>Builds the prompt for <paramref name="request"/>.</summary>
    public static string Build(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scene = request.Scene;
        var look = SettingLook.From(scene, request.Setting);
        var detailed = request.Attempt > 1;
        var text = new StringBuilder();

        text.Append(detailed ? "Detailed cinematic storyboard frame" : "Storyboard frame");
        text.Append(": ").Append(TextTools.Clean(scene.Title)).Append(". ");
        text.Append(look.IsInterior ? "Interior" : "Exterior").Append(", ")
            .Append(look.Light.ToString().ToLowerInvariant()).Append(", ")
            .Append(TextTools.Clean(look.Location).ToLowerInvariant()).Append('.');
        if (request.Setting is { VisualDescription.Length: > 0 } setting)
            text.Append(' ').Append(TextTools.Clean(setting.VisualDescription).TrimEnd('.')).Append('.');

        // Only who is seen is described for drawing; who is only heard is named as such, so it is not drawn either.
        if (scene.OnScreen.Count > 0)
        {
            text.Append(" Characters: ");
            text.AppendJoin("; ", scene.OnScreen.Select(name =>
            {
                var character = request.Characters.FirstOrDefault(c => StableHash.Normalize(c.Name) == StableHash.Normalize(name));
                var description = character is null ? "" : FirstText(character.VisualDescription, character.Description);
                return description.Length > 0 ? $"{TextTools.Clean(name)} ({TextTools.Clean(description)})" : TextTools.Clean(name);
            }));
            text.Append('.');
        }

        if (scene.Presence is { HeardOnly.Count: > 0 } presence)
            text.Append(" Heard, not seen: ").AppendJoin(", ", presence.HeardOnly.Select(TextTools.Clean)).Append('.');

        var action = KeyAction(scene);
        if (action.Length > 0)
            text.Append(" Action: ").Append(action);
        if (detailed)
        {
            if (scene.Dialogue.Count > 0)
                text.Append(" Mood from the line: \"").Append(TextTools.Shorten(TextTools.Clean(scene.Dialogue[0].Text), 100)).Append("\".");
            text.Append(" Wide shot, 16:9, dramatic lighting with soft shadows, textured surfaces, expressive faces, props that fit the place.");
        }
        else
        {
            text.Append(" Wide shot, 16:9, clean flat illustration.");
        }

        return text.ToString();
    }

    /// <summary>The scene's key action: the first sentence of its description, or its first line of dialogue.</summary>
    public static string KeyAction(Screenplay.AnalyzedScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var description = TextTools.Clean(scene.Description);
        if (description.Length == 0 && scene.Dialogue.Count > 0)
            description = TextTools.Clean($"{scene.Dialogue[0].Character}: {scene.Dialogue[0].Text}");
        var end = description.IndexOfAny(['.', '!', '?']);
        var sentence = end > 0 ? description[..(end + 1)] : description;
        return TextTools.Shorten(sentence, MaxActionLength);
    }

    private static string FirstText(params string[] texts) => texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
}
