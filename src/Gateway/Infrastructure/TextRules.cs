using System.Globalization;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// What a title or description may hold: lengths count what a reader sees (text elements: an emoji, or a letter with
/// its accents, is one), and characters that are invisible or reorder the text around them are refused.
/// </summary>
public static class TextRules
{
    /// <summary>How many characters a reader sees in <paramref name="text"/>.</summary>
    public static int VisibleLength(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// A sentence naming the first character <paramref name="text"/> may not hold, or null when it has none: control
    /// characters (line breaks and tabs only where <paramref name="multiline"/>), the bidirectional overrides and
    /// isolates (they make text display in another order than it is stored). A broken surrogate pair never gets this
    /// far: the JSON reader refuses it.
    /// </summary>
    public static string? Forbidden(string text, string field, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? what = c switch
            {
                '\n' or '\r' or '\t' when multiline => null,
                _ when char.IsControl(c) => "a control character",
                >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => "a bidirectional override character",
                _ => null,
            };
            if (what is not null)
                return string.Create(CultureInfo.InvariantCulture,
                    $"The {field} contains {what} (U+{(int)c:X4}) at position {VisibleLength(text[..i]) + 1}; remove it.");
        }
        return null;
    }
}
