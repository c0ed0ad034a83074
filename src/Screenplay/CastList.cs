namespace MoviePipeline.Screenplay;

/// <summary>
/// The speaking characters of a script, in the order they are first cued, and a finder for their
/// names in action text. Finding is one pass over the words: a capitalized word is looked up by its
/// text among the names that start with it, so the cost does not grow with the size of the cast.
/// </summary>
internal sealed class CastList
{
    // Bounds the work per word when many names share a first word (THE GUARD, THE MAN, ...).
    private const int MaxNamesPerFirstWord = 8;
    private const int MaxWordsPerName = 4;

    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    // Words that never stand alone for a person, so they are never a short form of a name.
    private static readonly HashSet<string> NotAliases = new(StringComparer.Ordinal)
    {
        "DR", "MR", "MRS", "MS", "MISS", "PROF", "THE", "OLD", "YOUNG", "LITTLE", "BIG", "MAN", "WOMAN", "BOY", "GIRL",
        "OFFICER", "CAPTAIN", "AGENT", "SIR", "LADY", "LORD", "AUNT", "UNCLE", "SISTER", "BROTHER", "FATHER", "MOTHER",
        "SGT", "DET", "LT", "COL", "GEN", "SAINT", "ST", "VON", "VAN", "DE", "LA", "LE", "DA", "DI", "MAC", "JR", "SR",
    };

    private Dictionary<string, List<(int Index, string[] Words)>>? _byFirstWord;
    private Dictionary<string, int>? _aliases;
    private HashSet<string>? _nameWords;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The canonical name for a cue: emphasis, extra spaces and case differences removed; the first spelling wins.</summary>
    public int Add(string cueName)
    {
        var name = FountainText.ToPlain(cueName);
        if (name.Length == 0)
        {
            return -1;
        }

        var key = name.ToUpperInvariant();
        if (_byKey.TryGetValue(key, out var index))
        {
            return index;
        }

        _byFirstWord = null;
        _byKey.Add(key, _names.Count);
        _names.Add(name);
        return _names.Count - 1;
    }

    public int IndexOf(string cueName) =>
        _byKey.TryGetValue(FountainText.ToPlain(cueName).ToUpperInvariant(), out var index) ? index : -1;

    /// <summary>Reads action text once: its words, its words in capitals that are not names, and the names it mentions.</summary>
    public ActionReading Read(string text)
    {
        EnsureIndex();
        var words = 0;
        var shouted = 0;
        var capitalized = new List<(int Start, int Sequence, string Word)>();
        var sequence = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!PlainText.IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var letters = 0;
            var lower = 0;
            var alphanumeric = 0;
            var firstAlphanumeric = '\0';
            while (i < text.Length && PlainText.IsWordChar(text[i]))
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    if (alphanumeric++ == 0)
                    {
                        firstAlphanumeric = c;
                    }

                    if (char.IsLetter(c))
                    {
                        letters++;
                        lower += char.IsLower(c) ? 1 : 0;
                    }
                }

                i++;
            }

            if (alphanumeric == 0)
            {
                continue;
            }

            words++;
            sequence++;
            var capital = char.IsUpper(firstAlphanumeric) || char.IsDigit(firstAlphanumeric);
            if (!capital)
            {
                continue;
            }

            var word = NormalizeWord(text.AsSpan(start, i - start));
            if (letters >= 2 && lower == 0 && !_nameWords!.Contains(word))
            {
                shouted++;
            }

            if (_byFirstWord!.ContainsKey(word) || _nameWords!.Contains(word))
            {
                capitalized.Add((start, sequence, word));
            }
        }

        return new ActionReading(words, shouted, FindMentions(capitalized));
    }

    private List<(int Character, int Position)> FindMentions(List<(int Start, int Sequence, string Word)> capitalized)
    {
        var mentions = new List<(int Character, int Position)>();
        for (var j = 0; j < capitalized.Count; j++)
        {
            var matched = false;
            if (_byFirstWord!.TryGetValue(capitalized[j].Word, out var candidates))
            {
                foreach (var (index, words) in candidates)
                {
                    var matches = j + words.Length <= capitalized.Count;
                    for (var w = 1; matches && w < words.Length; w++)
                    {
                        var next = capitalized[j + w];
                        matches = next.Sequence == capitalized[j].Sequence + w && next.Word == words[w];
                    }

                    if (matches)
                    {
                        mentions.Add((index, capitalized[j].Start));
                        j += words.Length - 1;
                        matched = true;
                        break;
                    }
                }
            }

            // "Nina" or "Okafor" alone names NINA VOSS or DR. OKAFOR when no other name has that word.
            if (!matched && _aliases!.TryGetValue(capitalized[j].Word, out var aliased))
            {
                mentions.Add((aliased, capitalized[j].Start));
            }
        }

        return mentions;
    }

    private void EnsureIndex()
    {
        if (_byFirstWord is not null)
        {
            return;
        }

        _byFirstWord = new Dictionary<string, List<(int, string[])>>(StringComparer.Ordinal);
        _nameWords = new HashSet<string>(StringComparer.Ordinal);
        _aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < _names.Count; index++)
        {
            var words = SplitWords(_names[index]);
            foreach (var word in words)
            {
                if (!_nameWords.Add(word))
                {
                    ambiguous.Add(word);
                }
                else if (words.Length > 1 && word.Length >= 3 && !NotAliases.Contains(word))
                {
                    _aliases[word] = index;
                }
            }

            if (words.Length == 0 || words.Length > MaxWordsPerName)
            {
                continue;
            }

            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord.Add(words[0], list = []);
            }

            if (list.Count < MaxNamesPerFirstWord)
            {
                list.Add((index, words));
                // Longest names first, so DR. SMITH wins over DR.; stable, so earlier names win ties.
                list.Sort((a, b) => a.Item2.Length != b.Item2.Length ? b.Item2.Length.CompareTo(a.Item2.Length) : a.Item1.CompareTo(b.Item1));
            }
        }

        foreach (var word in ambiguous)
        {
            _aliases.Remove(word);
        }
    }

    private static string[] SplitWords(string name)
    {
        var words = new List<string>();
        var i = 0;
        while (i < name.Length)
        {
            if (!PlainText.IsWordChar(name[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && PlainText.IsWordChar(name[i]))
            {
                i++;
            }

            var word = NormalizeWord(name.AsSpan(start, i - start));
            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return [.. words];
    }

    /// <summary>"Sarah's" and "SARAH." both become "SARAH".</summary>
    private static string NormalizeWord(ReadOnlySpan<char> word)
    {
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetterOrDigit(word[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(word[end - 1]))
        {
            end--;
        }

        var core = word[start..end];
        if (core.Length > 2 && (core[^1] == 's' || core[^1] == 'S') && (core[^2] == '\'' || core[^2] == '’'))
        {
            core = core[..^2];
        }

        return core.ToString().ToUpperInvariant();
    }
}
