namespace MoviePipeline.Screenplay;

/// <summary>
/// Composes a character's visual description from the sentence that introduces them. Screenplays
/// introduce a character as "NAME (age), appearance, ...": the age in parentheses and the words set
/// off by commas right after the name make the portrait ("Sarah, aged 30s, sharp-eyed and tired.");
/// in prose, the words before "named" do ("an old woman named Ada" gives "Ada, an old woman.").
/// Without either the portrait is the name and the whole sentence.
/// </summary>
internal static class CharacterPortrait
{
    private const int MaxAppearanceChars = 200;

    private static readonly HashSet<string> Articles = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "one", "some",
    };

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

        // "an old woman named Ada": the words before "named" describe her.
        if (age is null && appearance is null && at > 0)
        {
            appearance = DescriptionBeforeNamed(sentence, at);
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

    private static string? DescriptionBeforeNamed(string sentence, int nameAt)
    {
        var before = sentence.AsSpan(0, nameAt).TrimEnd();
        string[] links = ["named", "called"];
        foreach (var link in links)
        {
            if (!before.EndsWith(link, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // The noun phrase before "named": from its article ("Tomas meets a girl called Ivy": a girl),
            // or from the clause's start when it has none.
            var phrase = before[..^link.Length].TrimEnd();
            var clause = phrase.LastIndexOfAny(',', ';', ':');
            var words = (clause >= 0 ? phrase[(clause + 1)..] : phrase).Trim().ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var article = Array.FindLastIndex(words, w => Articles.Contains(w));
            var description = string.Join(' ', article >= 0 ? words[article..] : words);
            return description.Length > 0 && description.Length <= MaxAppearanceChars ? description : null;
        }

        return null;
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
