using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Storyboard;

/// <summary>How a scene's place looks in its frame: inside or outside, the light, and the location's name.</summary>
public sealed record SettingLook(bool IsInterior, TimeOfDay Light, string Location)
{
    /// <summary>From the analyzed setting when there is one, else from the scene heading ("INT. KITCHEN - NIGHT").</summary>
    public static SettingLook From(AnalyzedScene scene, AnalyzedSetting? setting)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var heading = FirstText(scene.Title, scene.Setting, setting?.Name);
        // The scene's own side and time first: a place may be seen inside and out, by day and night.
        var side = scene.InteriorExterior.Length > 0 ? scene.InteriorExterior : setting?.InteriorExterior ?? "";
        var interior = side.Length > 0
            ? !side.TrimStart().StartsWith("EXT", StringComparison.OrdinalIgnoreCase)
            : !heading.TrimStart().StartsWith("EXT", StringComparison.OrdinalIgnoreCase);
        var light = ParseLight(scene.TimeOfDay.Length > 0 ? scene.TimeOfDay : setting is { TimeOfDay.Length: > 0 } ? setting.TimeOfDay : heading);
        var location = setting is { Location.Length: > 0 } ? setting.Location : LocationFromHeading(heading);
        return new SettingLook(interior, light, Clean(location));
    }

    /// <summary>NIGHT/EVENING/MAGIC HOUR/... → the palette; anything unknown is day.</summary>
    public static TimeOfDay ParseLight(string? text)
    {
        var t = (text ?? "").ToUpperInvariant();
        if (t.Contains("NIGHT", StringComparison.Ordinal) || t.Contains("MIDNIGHT", StringComparison.Ordinal))
            return TimeOfDay.Night;
        if (t.Contains("DUSK", StringComparison.Ordinal) || t.Contains("EVENING", StringComparison.Ordinal) || t.Contains("SUNSET", StringComparison.Ordinal)
            || t.Contains("MAGIC HOUR", StringComparison.Ordinal) || t.Contains("GOLDEN HOUR", StringComparison.Ordinal) || t.Contains("TWILIGHT", StringComparison.Ordinal))
            return TimeOfDay.Dusk;
        if (t.Contains("DAWN", StringComparison.Ordinal) || t.Contains("MORNING", StringComparison.Ordinal) || t.Contains("SUNRISE", StringComparison.Ordinal))
            return TimeOfDay.Dawn;
        return TimeOfDay.Day;
    }

    private static string LocationFromHeading(string heading)
    {
        var text = heading.Trim();
        foreach (var prefix in new[] { "INT./EXT.", "EXT./INT.", "INT/EXT", "I/E.", "I/E", "INT.", "EXT.", "INT ", "EXT ", "EST." })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        return (dash > 0 ? text[..dash] : text).Trim();
    }

    private static string FirstText(params string?[] texts) => texts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";

    private static string Clean(string text)
    {
        var cleaned = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return cleaned.Length == 0 ? "SOMEWHERE" : cleaned;
    }
}
