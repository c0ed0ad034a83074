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

    /// <summary>
    /// <paramref name="text"/> in parts of at most <paramref name="max"/> characters, cut after sentence ends where it
    /// can be, else between words; nothing is dropped.
    /// </summary>
    public static IEnumerable<string> SentenceParts(string text, int max)
    {
        var rest = Clean(text);
        while (rest.Length > max)
        {
            var cut = -1;
            for (var i = max - 1; i > max / 3 && cut < 0; i--)
            {
                if (rest[i] is '.' or '!' or '?' or '…' && i + 1 < rest.Length && rest[i + 1] == ' ')
                    cut = i + 1;
            }

            if (cut < 0)
                cut = rest.LastIndexOf(' ', max - 1) is var space and > 0 ? space : max;
            yield return rest[..cut].Trim();
            rest = rest[cut..].Trim();
        }

        if (rest.Length > 0 || text.Length == 0)
            yield return rest;
    }
}
