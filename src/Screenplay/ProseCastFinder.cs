namespace MoviePipeline.Screenplay;

/// <summary>
/// Finds the characters of a text that has no character cues (a story or an idea written as prose),
/// so that its characters tab is not empty. A character is a capitalized single word that is
/// introduced with "named" or "called" ("an old woman named Ada"), or that occurs at least twice with
/// at least once inside a sentence, where capitals mark a name rather than the start of a sentence,
/// and mostly not after a preposition (in Paris, on Mars are places). Common capitalized words
/// (I, days, months, titles) and place words are never names. At most <see cref="MaxCharacters"/>,
/// in order of first appearance. One pass over the words.
/// </summary>
internal static class ProseCastFinder
{
    public const int MaxCharacters = 12;

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "I'M", "I'LL", "I'VE", "I'D", "OK", "OKAY", "MR", "MRS", "MS", "DR", "SIR", "MADAM", "GOD", "LORD",
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH",
        "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "CHRISTMAS",
        "THE", "A", "AN", "AND", "BUT", "OR", "SO", "THEN", "WHEN", "WHILE", "AS", "IF", "HE", "SHE", "IT", "THEY",
        "WE", "YOU", "HIS", "HER", "THEIR", "ITS", "OUR", "MY", "YOUR", "THIS", "THAT", "THESE", "THOSE", "THERE",
        "HERE", "ONE", "TWO", "THREE", "NO", "YES", "NOT", "ALL", "EVERY", "SOME", "WHAT", "WHO", "WHY", "HOW",
        "EARTH", "MARS", "MOON", "SUN", "INTERNET", "TV",
    };

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "in", "at", "on", "to", "from", "into", "onto", "near", "across", "through", "toward", "towards", "of",
    };

    public static List<string> Find(IEnumerable<string> paragraphs)
    {
        var stats = new Dictionary<string, WordStats>(StringComparer.Ordinal);
        var order = 0;
        foreach (var paragraph in paragraphs)
        {
            var sentenceStart = true;
            string? previous = null;
            var i = 0;
            while (i < paragraph.Length)
            {
                var c = paragraph[i];
                if (!char.IsLetter(c))
                {
                    if (c is '.' or '!' or '?' or '…' or '"' or '“' or ':' or ';')
                    {
                        sentenceStart = true;
                    }

                    i++;
                    continue;
                }

                var start = i;
                while (i < paragraph.Length && (char.IsLetter(paragraph[i]) || (paragraph[i] is '\'' or '’' or '-' && i + 1 < paragraph.Length && char.IsLetter(paragraph[i + 1]))))
                {
                    i++;
                }

                var word = paragraph[start..i];
                if (char.IsUpper(word[0]) && word.Length >= 2 && word.Skip(1).Any(char.IsLower))
                {
                    var key = StripPossessive(word).ToUpperInvariant();
                    if (!NotNames.Contains(key) && !ProseSettingGuesser.IsPlaceOrTimeWord(key))
                    {
                        if (!stats.TryGetValue(key, out var entry))
                        {
                            stats.Add(key, entry = new WordStats(order++));
                        }

                        entry.Count++;
                        if (!sentenceStart)
                        {
                            entry.Inside++;
                            entry.AfterPreposition += previous is not null && Prepositions.Contains(previous) ? 1 : 0;
                        }

                        entry.Introduced |= previous is "named" or "called";
                    }
                }

                previous = word;
                sentenceStart = false;
            }
        }

        return stats
            .Where(s => s.Value.Introduced || (s.Value.Count >= 2 && s.Value.Inside >= 1 && s.Value.AfterPreposition * 2 < s.Value.Inside))
            .OrderBy(s => s.Value.First)
            .Take(MaxCharacters)
            .Select(s => s.Key)
            .ToList();
    }

    private static string StripPossessive(string word) =>
        word.Length > 2 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) ? word[..^2] : word;

    private sealed class WordStats(int first)
    {
        public int First { get; } = first;

        public int Count { get; set; }

        /// <summary>Occurrences inside a sentence, where a capital marks a name.</summary>
        public int Inside { get; set; }

        public int AfterPreposition { get; set; }

        public bool Introduced { get; set; }
    }
}
