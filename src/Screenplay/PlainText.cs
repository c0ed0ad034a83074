using System.Globalization;

namespace MoviePipeline.Screenplay;

/// <summary>Word and sentence helpers on plain text. All bounded or linear, all culture-invariant.</summary>
internal static class PlainText
{
    // Words before a dot that do not end a sentence ("DR. SMITH enters.").
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "MR", "MRS", "MS", "DR", "ST", "JR", "SR", "PROF", "CAPT", "LT", "SGT", "COL", "GEN", "DET", "REV", "VS",
        "MT", "FT", "V", "O",
    };

    /// <summary>A word holds a letter or a digit; words are separated by anything that is not a letter, digit, apostrophe, dot or hyphen.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '’' or '.' or '-';

    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        var wordHasLetter = false;
        foreach (var c in text)
        {
            if (IsWordChar(c))
            {
                inWord = true;
                wordHasLetter |= char.IsLetterOrDigit(c);
                continue;
            }

            if (inWord && wordHasLetter)
            {
                count++;
            }

            inWord = false;
            wordHasLetter = false;
        }

        return inWord && wordHasLetter ? count + 1 : count;
    }

    public static int Count(string text, char c) => text.AsSpan().Count(c);

    /// <summary>The first <paramref name="maxSentences"/> sentences of <paramref name="text"/>, at most <paramref name="maxChars"/> characters.</summary>
    public static string FirstSentences(string text, int maxSentences, int maxChars)
    {
        var end = 0;
        for (var s = 0; s < maxSentences && end < text.Length; s++)
        {
            // Look past maxChars for the sentence's end, so a long sentence is shortened at a word.
            var next = SentenceEnd(text, end, Math.Min(text.Length, end + (4 * maxChars)));
            if (next <= end)
            {
                break;
            }

            end = next;
        }

        return Shorten(text[..end].Trim(), maxChars);
    }

    /// <summary>The first <paramref name="maxSentences"/> sentences of <paramref name="text"/>, each trimmed.</summary>
    public static List<string> Sentences(string text, int maxSentences)
    {
        var sentences = new List<string>();
        var start = 0;
        while (sentences.Count < maxSentences && start < text.Length)
        {
            var end = SentenceEnd(text, start, text.Length);
            var sentence = text[start..end].Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }

            start = end;
        }

        return sentences;
    }

    /// <summary>The sentence around <paramref name="position"/>, looking at most <paramref name="window"/> characters either way.</summary>
    public static string SentenceAround(string text, int position, int window)
    {
        var from = Math.Max(0, position - window);
        var start = from;
        for (var i = position - 1; i >= from; i--)
        {
            if (IsSentenceEndAt(text, i))
            {
                start = i + 1;
                break;
            }
        }

        var end = SentenceEnd(text, position, Math.Min(text.Length, position + window));
        return Shorten(text[start..end].Trim(), window);
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxChars"/> characters at a word boundary, ending in "…".</summary>
    public static string Shorten(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, maxChars - 1), Math.Max(0, maxChars - 1) + 1 - (maxChars / 2));
        var head = cut > 0 ? text[..cut] : text[..(maxChars - 1)];
        if (head.Length > 0 && char.IsHighSurrogate(head[^1]))
        {
            head = head[..^1];
        }

        return head.TrimEnd(' ', ',', ';', ':', '-') + "…";
    }

    /// <summary>"SARAH CONNOR" as "Sarah Connor"; a name that is not all capitals ("McCLANE") stays as written.</summary>
    public static string DisplayName(string name) =>
        FountainLineRules.IsUppercase(name) ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant()) : name;

    /// <summary>The index just past the sentence that runs from <paramref name="from"/>, or <paramref name="limit"/>.</summary>
    private static int SentenceEnd(string text, int from, int limit)
    {
        for (var i = from; i < limit; i++)
        {
            if (IsSentenceEndAt(text, i))
            {
                var end = i + 1;
                while (end < text.Length && end - i < 8 && text[end] is '"' or '\'' or ')' or '”' or '’')
                {
                    end++;
                }

                return end;
            }
        }

        return limit;
    }

    private static bool IsSentenceEndAt(string text, int i)
    {
        var c = text[i];
        if (c is not ('.' or '!' or '?' or '…'))
        {
            return false;
        }

        var next = i + 1;
        while (next < text.Length && next - i < 8 && text[next] is '"' or '\'' or ')' or '”' or '’' or '.' or '!' or '?')
        {
            next++;
        }

        if (next < text.Length && !char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        if (c == '.' && next < text.Length)
        {
            var wordStart = i;
            while (wordStart > 0 && i - wordStart < 6 && char.IsLetter(text[wordStart - 1]))
            {
                wordStart--;
            }

            if (wordStart < i && (wordStart == 0 || !char.IsLetter(text[wordStart - 1]))
                && Abbreviations.Contains(text.AsSpan(wordStart, i - wordStart).ToString()))
            {
                return false;
            }
        }

        return true;
    }
}
