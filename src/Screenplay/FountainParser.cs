namespace MoviePipeline.Screenplay;

/// <summary>
/// A Fountain 1.1 parser (https://fountain.io/syntax) that also accepts screenplay-like plain text.
/// It never throws, runs in time linear in the input (no regular expressions, no backtracking) and
/// gives the same document for the same text.
/// </summary>
/// <remarks>
/// Beyond the specification, for text pasted from elsewhere:
/// <list type="bullet">
/// <item>a line starting with a scene heading prefix that is all in capitals is a heading even without
/// the blank lines around it, and ends a dialogue block that runs into it;</item>
/// <item>a leading printed scene number ("12 INT. HOUSE - DAY 12") becomes the scene number;</item>
/// <item>"SARAH: Hello." (an uppercase name of at most four words, a colon and text) is a cue and its
/// dialogue, unless the name is a screen direction such as SUPER or INSERT;</item>
/// <item>uppercase lines that open chapters or end the text (CHAPTER ONE, THE END, FADE OUT) and names
/// ending in a colon are never character cues;</item>
/// <item>a note may not run over an empty line, and an opener without its closer (<c>[[</c>, <c>/*</c>)
/// is ordinary text.</item>
/// </list>
/// </remarks>
public static class FountainParser
{
    // Keys that mark the first paragraph as a title page; other keys are kept once one of these is seen.
    private static readonly HashSet<string> TitlePageKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Title", "Credit", "Author", "Authors", "Source", "Draft date", "Contact", "Copyright",
    };

    public static FountainDocument Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return FountainDocument.Empty;
        }

        var notes = new List<string>();
        var lines = FountainCleaner.Clean(text, notes).Split('\n');
        var titlePage = ReadTitlePage(lines, out var bodyStart);
        var elements = new FountainBodyReader(lines, bodyStart).Read();
        return new FountainDocument(titlePage, elements, notes);
    }

    /// <summary>
    /// The title page is the first paragraph when every line of it is "Key: value" or an indented
    /// continuation, and at least one key is a known title-page key; otherwise there is none.
    /// </summary>
    private static List<FountainTitleEntry> ReadTitlePage(string[] lines, out int bodyStart)
    {
        bodyStart = 0;
        var first = 0;
        while (first < lines.Length && lines[first].AsSpan().Trim().Length == 0)
        {
            first++;
        }

        var entries = new List<(string Key, List<string> Values)>();
        var known = false;
        var i = first;
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                break;
            }

            if (char.IsWhiteSpace(line[0]) && entries.Count > 0)
            {
                entries[^1].Values.Add(trimmed);
                continue;
            }

            if (!TryReadKey(trimmed, out var key, out var value))
            {
                return [];
            }

            known |= TitlePageKeys.Contains(key);
            entries.Add((key, value.Length > 0 ? [value] : []));
        }

        if (!known)
        {
            return [];
        }

        bodyStart = i;
        return entries.ConvertAll(e => new FountainTitleEntry(e.Key, string.Join('\n', e.Values)));
    }

    private static bool TryReadKey(string line, out string key, out string value)
    {
        key = "";
        value = "";
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon > 40 || !char.IsLetter(line[0]))
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            var c = line[i];
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '(' or ')' or '.' or '\''))
            {
                return false;
            }
        }

        key = line[..colon].Trim();
        value = line[(colon + 1)..].Trim();
        return true;
    }
}
