using System.Text;

namespace MoviePipeline.Media;

/// <summary>Makes script text safe to draw, speak or put in subtitles.</summary>
internal static class TextTools
{
    /// <summary>Drops control characters and collapses runs of white space to one space.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
                result.Append(' ');
            space = false;
            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> at a word to at most <paramref name="max"/> characters, marking the cut with "…".</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = text.LastIndexOf(' ', Math.Max(0, max - 1));
        if (cut < max / 2)
            cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut].TrimEnd(' ', ',', ';', ':') + "…";
    }
}
