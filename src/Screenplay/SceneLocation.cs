namespace MoviePipeline.Screenplay;

/// <summary>
/// Where and when a scene happens, read from its heading: "INT. KITCHEN - NIGHT" is interior
/// (<c>INT</c>), location <c>KITCHEN</c>, time of day <c>NIGHT</c>.
/// </summary>
/// <param name="InteriorExterior"><c>INT</c>, <c>EXT</c>, <c>INT/EXT</c>, or empty when the heading does not say.</param>
/// <param name="Location">The place in capitals, e.g. <c>HOUSE - KITCHEN</c>.</param>
/// <param name="TimeOfDay">e.g. <c>NIGHT</c>, <c>EARLY MORNING</c>, or empty when the heading does not say.</param>
public sealed record SceneLocation(string InteriorExterior, string Location, string TimeOfDay)
{
    /// <summary>The location used when nothing names one.</summary>
    public const string Unspecified = "UNSPECIFIED";

    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal)
    {
        "DAY", "NIGHT", "MORNING", "AFTERNOON", "EVENING", "DAWN", "DUSK", "SUNRISE", "SUNSET", "NOON",
        "MIDNIGHT", "TWILIGHT", "DAYBREAK", "NIGHTFALL", "HOUR", "DAYTIME", "NIGHTTIME", "PRE-DAWN",
    };

    // Relative times say "the same time as before": the scene keeps the previous scene's time of day.
    private static readonly HashSet<string> RelativeTimes = new(StringComparer.Ordinal)
    {
        "CONTINUOUS", "LATER", "MOMENTS LATER", "SECONDS LATER", "MINUTES LATER", "A MOMENT LATER",
        "SAME", "SAME TIME", "MOMENTS BEFORE", "CONT'D", "CONTINUED", "CONTINUING",
    };

    /// <summary>The canonical setting name: "INT. KITCHEN - NIGHT", "INT./EXT. CAR - DAY", "SNIPER SCOPE POV".</summary>
    public string Name
    {
        get
        {
            var prefix = InteriorExterior switch
            {
                "" => "",
                "INT/EXT" => "INT./EXT. ",
                var ie => ie + ". ",
            };
            return TimeOfDay.Length > 0 ? $"{prefix}{Location} - {TimeOfDay}" : prefix + Location;
        }
    }

    /// <summary>
    /// Reads a heading such as "INT. HOUSE - KITCHEN - NIGHT". The last dash-separated part is the time
    /// of day when its last word is a time word (DAY, NIGHT, DAWN, ...); CONTINUOUS, LATER, SAME and
    /// the like take <paramref name="previousTimeOfDay"/>. A heading without INT/EXT (a forced one) has
    /// an empty <see cref="InteriorExterior"/>. EST (establishing) is exterior. A heading that names no time of day
    /// is at the time of the scene before it: a scene between two night scenes is not drawn by day.
    /// </summary>
    public static SceneLocation FromHeading(string heading, string previousTimeOfDay)
    {
        var text = FountainText.ToPlain(heading).ToUpperInvariant();
        var (interiorExterior, rest) = SplitPrefix(text);
        var location = rest;
        var time = "";
        var dash = LastDash(rest);
        if (dash >= 0)
        {
            // "NIGHT [CONTINUOUS]", "(PRESENT) DAY", "NIGHT (1985)": the time without what is set off in brackets.
            var tail = rest[(dash + 1)..].Trim();
            var tailTime = WithoutBrackets(tail);
            if (RelativeTimes.Contains(tailTime))
            {
                time = previousTimeOfDay;
                location = rest[..dash];
            }
            else if (IsTimeOfDay(tailTime))
            {
                time = tailTime;
                location = rest[..dash];
            }
        }

        return new SceneLocation(interiorExterior, CleanLocation(location), time.Length > 0 ? time : previousTimeOfDay);
    }

    /// <summary>Normalizes a location: capitals, single spaces, no dangling dots or dashes; UNSPECIFIED when empty.</summary>
    public static string CleanLocation(string location)
    {
        var clean = FountainText.CollapseWhitespace(location.ToUpperInvariant()).Trim(' ', '.', '-', '–', '—', ',', ':');
        return clean.Length > 0 ? clean : Unspecified;
    }

    private static string WithoutBrackets(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            depth += c is '(' or '[' ? 1 : 0;
            if (depth == 0)
            {
                kept.Append(c);
            }

            depth -= c is ')' or ']' && depth > 0 ? 1 : 0;
        }

        return FountainText.CollapseWhitespace(kept.ToString()).Trim();
    }

    private static bool IsTimeOfDay(string text)
    {
        if (text.Length == 0 || text.Length > 30)
        {
            return false;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 3 && TimeWords.Contains(words[^1]);
    }

    private static (string InteriorExterior, string Remainder) SplitPrefix(string text)
    {
        var start = FountainLineRules.HeadingStart(text);
        if (start < 0)
        {
            return ("", text);
        }

        var body = text[start..];
        (string Prefix, string Kind)[] prefixes =
        [
            ("INT./EXT", "INT/EXT"), ("INT/EXT", "INT/EXT"), ("EXT./INT", "INT/EXT"), ("EXT/INT", "INT/EXT"),
            ("I./E", "INT/EXT"), ("I/E", "INT/EXT"), ("INT", "INT"), ("EXT", "EXT"), ("EST", "EXT"),
        ];
        foreach (var (prefix, kind) in prefixes)
        {
            if (body.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (kind, body[prefix.Length..].TrimStart('.', ' '));
            }
        }

        return ("", text);
    }

    private static int LastDash(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is '–' or '—')
            {
                return i;
            }

            // A hyphen inside a word (PRE-DAWN, X-RAY) is not a separator.
            if (c == '-' && (i == 0 || text[i - 1] == ' ' || i == text.Length - 1 || text[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }
}
