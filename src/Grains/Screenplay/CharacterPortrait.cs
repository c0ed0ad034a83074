namespace MoviePipeline.Screenplay;

/// <summary>
/// Composes a character's visual description from the sentence that introduces them. Screenplays
/// introduce a character as "NAME (age), appearance, ...": the age in parentheses and the words set
/// off by commas right after the name make the portrait ("Sarah, aged 30s, sharp-eyed and tired.").
/// Without them the portrait is the name and the whole sentence.
/// </summary>
internal static class CharacterPortrait
{
    private const int MaxAppearanceChars = 200;

    public static string Compose(string name, string display, string sentence)
    {
        var at = sentence.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        string? age = null;
        string? appearance = null;
        if (at >= 0)
        {
            var i = at + name.Length;
            i = SkipSpaces(sentence, i);
            if (i < sentence.Length && sentence[i] == '(')
            {
                var close = sentence.IndexOf(')', i);
                if (close > i + 1)
                {
                    var inner = sentence[(i + 1)..close].Trim();
                    if (inner.Any(char.IsDigit))
                    {
                        age = inner;
                    }

                    i = SkipSpaces(sentence, close + 1);
                }
            }

            if (i < sentence.Length && sentence[i] == ',')
            {
                var end = i + 1;
                while (end < sentence.Length && sentence[end] is not (',' or ';' or '.' or '!' or '?' or '—'))
                {
                    end++;
                }

                // Only words closed by another comma (or a dash) describe the character: in
                // "ANA and BEA, answer at once." the words after BEA are what they do.
                var closed = end < sentence.Length && sentence[end] is ',' or '—' or ';';
                var words = sentence[(i + 1)..end].Trim();
                if (closed && words.Length > 0)
                {
                    appearance = PlainText.Shorten(words, MaxAppearanceChars);
                }
            }
        }

        if (age is null && appearance is null)
        {
            return $"{display}: {sentence}";
        }

        var portrait = display;
        if (age is not null)
        {
            portrait += $", aged {age}";
        }

        if (appearance is not null)
        {
            portrait += $", {appearance}";
        }

        return portrait + ".";
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }
}
