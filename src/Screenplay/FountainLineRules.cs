namespace MoviePipeline.Screenplay;

/// <summary>Tests on one trimmed line that the body reader combines with the blank lines around it.</summary>
internal static class FountainLineRules
{
    // Longest first, so INT./EXT is not read as INT.
    private static readonly string[] HeadingPrefixes = ["INT./EXT", "INT/EXT", "EXT./INT", "EXT/INT", "I./E", "I/E", "INT", "EXT", "EST"];

    // Uppercase lines that open a chapter or end a text are not character cues even when text follows.
    private static readonly string[] NotCueStarts = ["CHAPTER ", "PART ", "ACT ", "BOOK ", "PROLOGUE", "EPILOGUE", "THE END", "FADE ", "CUT ", "SMASH CUT", "DISSOLVE "];

    // Words that look like "NAME: text" but are screen directions, not speakers.
    private static readonly HashSet<string> NotSpeakers = new(StringComparer.Ordinal)
    {
        "SUPER", "SUPERIMPOSE", "TITLE", "TITLES", "TITLE CARD", "CARD", "INSERT", "NOTE", "NOTES", "CHYRON",
        "SUBTITLE", "SUBTITLES", "CAPTION", "TEXT", "ON SCREEN", "INTERCUT", "MONTAGE", "SERIES OF SHOTS",
        "FLASHBACK", "BACK TO", "LATER", "SOUND", "SFX", "VFX", "MUSIC", "SETTING", "LOCATION", "TIME",
        "LOGLINE", "SYNOPSIS", "SUMMARY", "IDEA", "PREMISE", "GENRE", "THEME", "TONE", "SCENE", "FADE IN",
        "FADE OUT", "CUT TO", "P.S", "PS", "NB", "N.B", "TODO", "FYI",
    };

    // A word that makes "NAME: text" a camera direction ("SINGLE SHOTS:", "ANGLE ON:", "CLOSE ON:").
    private static readonly HashSet<string> ShotWords = new(StringComparer.Ordinal)
    {
        "SHOT", "SHOTS", "ANGLE", "ANGLES", "POV", "CLOSE", "CLOSEUP", "CLOSE-UP", "WIDE", "INSERT", "MONTAGE", "INTERCUT", "FLASHBACK", "SERIES",
    };

    /// <summary>
    /// Where the heading text starts when the line begins with a scene heading prefix (INT, EXT, EST,
    /// INT./EXT, INT/EXT, I/E, case-insensitive) followed by a dot or a space, else -1. A leading scene
    /// number as printed in some PDFs ("12 INT. HOUSE - DAY") is skipped.
    /// </summary>
    public static int HeadingStart(string line)
    {
        var start = SkipPrintedSceneNumber(line);
        foreach (var prefix in HeadingPrefixes)
        {
            if (line.Length - start < prefix.Length + 1
                || !line.AsSpan(start, prefix.Length).Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var next = line[start + prefix.Length];
            return next == '.' || next == ' ' ? start : -1;
        }

        return -1;
    }

    /// <summary>True for a line with at least one uppercase letter and no lowercase one ("R2D2", "CUT TO:").</summary>
    public static bool IsUppercase(ReadOnlySpan<char> line)
    {
        var hasUpper = false;
        foreach (var c in line)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            hasUpper |= char.IsUpper(c);
        }

        return hasUpper;
    }

    /// <summary>A heading prefix on an all-uppercase line: a heading even without the blank lines Fountain asks for.</summary>
    public static bool IsStrongHeading(string line) => HeadingStart(line) >= 0 && IsUppercase(line);

    public static bool IsPageBreak(string line)
    {
        if (line.Length < 3)
        {
            return false;
        }

        foreach (var c in line)
        {
            if (c != '=')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits a character cue "NAME (EXT) ^" into its name, extensions and dual-dialogue mark.
    /// The name must have an uppercase letter and no lowercase one unless <paramref name="forced"/>.
    /// </summary>
    public static bool TryReadCue(string line, bool forced, out string name, out string? extension, out bool dual)
    {
        name = "";
        extension = null;
        dual = false;
        var span = line.AsSpan().Trim();
        if (span.Length > 0 && span[^1] == '^')
        {
            dual = true;
            span = span[..^1].TrimEnd();
        }

        var open = span.IndexOf('(');
        var namePart = open < 0 ? span : span[..open].TrimEnd();
        if (open >= 0)
        {
            var ext = span[open..];
            if (ext[^1] != ')')
            {
                return false;
            }

            extension = ext.ToString();
        }

        if (namePart.Length == 0 || namePart[^1] == ':')
        {
            return false;
        }

        if (!forced)
        {
            if (!IsUppercase(namePart) || StartsWithAny(namePart, NotCueStarts))
            {
                return false;
            }
        }

        name = namePart.ToString();
        return true;
    }

    /// <summary>
    /// Reads the plain-text screenplay form "SARAH: Hello." or "SARAH (V.O.): Hello.": an uppercase name
    /// of at most four words, a colon, then the words spoken. Fountain itself would call it action.
    /// </summary>
    public static bool TryReadColonCue(string line, out string name, out string? extension, out string speech)
    {
        name = "";
        extension = null;
        speech = "";
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon > 60 || colon + 1 >= line.Length || line[colon + 1] != ' ')
        {
            return false;
        }

        var rest = line.AsSpan(colon + 1).Trim();
        if (rest.Length == 0)
        {
            return false;
        }

        var head = line.AsSpan(0, colon).TrimEnd();
        var open = head.IndexOf('(');
        var namePart = open < 0 ? head : head[..open].TrimEnd();
        if (open >= 0)
        {
            if (head[^1] != ')')
            {
                return false;
            }

            extension = head[open..].ToString();
        }

        if (namePart.Length == 0 || !IsUppercase(namePart) || WordCount(namePart) > 4)
        {
            return false;
        }

        foreach (var c in namePart)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '.' or '\'' or '-' or '’'))
            {
                return false;
            }
        }

        var candidate = namePart.ToString();
        if (NotSpeakers.Contains(candidate) || candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(ShotWords.Contains) || HeadingStart(candidate + " ") >= 0 || StartsWithAny(namePart, NotCueStarts))
        {
            return false;
        }

        name = candidate;
        speech = rest.ToString();
        return true;
    }

    /// <summary>Splits "INT. HOUSE - DAY #12A#" into the heading and its scene number.</summary>
    public static (string Heading, string? Number) SplitSceneNumber(string heading)
    {
        var text = heading.TrimEnd();
        if (text.Length >= 3 && text[^1] == '#')
        {
            var open = text.LastIndexOf('#', text.Length - 2);
            if (open >= 0 && open < text.Length - 2)
            {
                var number = text.AsSpan(open + 1, text.Length - open - 2);
                var valid = true;
                foreach (var c in number)
                {
                    valid &= char.IsLetterOrDigit(c) || c is '-' or '.';
                }

                if (valid)
                {
                    return (text[..open].TrimEnd(), number.ToString());
                }
            }
        }

        return (text, null);
    }

    private static int SkipPrintedSceneNumber(string line)
    {
        if (line.Length == 0 || !char.IsAsciiDigit(line[0]))
        {
            return 0;
        }

        var i = 0;
        while (i < line.Length && char.IsAsciiDigit(line[i]))
        {
            i++;
        }

        var letters = 0;
        while (i < line.Length && char.IsAsciiLetterUpper(line[i]) && letters < 2)
        {
            i++;
            letters++;
        }

        if (i < line.Length && line[i] == '.')
        {
            i++;
        }

        if (i >= line.Length || line[i] != ' ')
        {
            return 0;
        }

        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] starts)
    {
        foreach (var start in starts)
        {
            if (text.StartsWith(start, StringComparison.Ordinal)
                || (start[^1] == ' ' && text.Equals(start.AsSpan(0, start.Length - 1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static int WordCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }
}
