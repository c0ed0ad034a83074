using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Breaks text into lines that fit a width, ending with "…" when it does not all fit.</summary>
internal static class TextLayout
{
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float maxWidth, int maxLines)
    {
        var lines = new List<string>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        var index = 0;
        while (index < words.Length && lines.Count < maxLines)
        {
            var candidate = current.Length == 0 ? words[index] : current + " " + words[index];
            if (font.MeasureText(candidate) <= maxWidth)
            {
                current = candidate;
                index++;
                continue;
            }

            if (current.Length == 0)
            {
                // One word wider than the line: cut it.
                current = Fit(words[index], font, maxWidth);
                index++;
            }

            lines.Add(current);
            current = "";
        }

        if (current.Length > 0 && lines.Count < maxLines)
            lines.Add(current);
        if (index < words.Length && lines.Count > 0)
            lines[^1] = Fit(lines[^1] + "…", font, maxWidth);
        return lines;
    }

    /// <summary>The longest start of <paramref name="text"/> (with "…" when cut) that fits.</summary>
    public static string Fit(string text, SKFont font, float maxWidth)
    {
        if (font.MeasureText(text) <= maxWidth)
            return text;
        var body = text.TrimEnd('…');
        while (body.Length > 1 && font.MeasureText(body + "…") > maxWidth)
        {
            body = body[..^1];
            if (char.IsHighSurrogate(body[^1]))
                body = body[..^1];
        }

        return body.TrimEnd() + "…";
    }
}
