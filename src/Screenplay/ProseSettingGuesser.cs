namespace MoviePipeline.Screenplay;

/// <summary>
/// Guesses where and when a scene without a heading happens, from the first
/// <see cref="WordsRead"/> words of its text.
/// </summary>
/// <remarks>
/// The place is the first phrase "preposition [determiner] [up to two words] place-noun" such as
/// "in a small kitchen" (SMALL KITCHEN, interior) or "on the beach" (BEACH, exterior), using a short
/// list of place nouns that know whether they are inside or outside; failing that, capitalized words
/// straight after in/on/at ("on Mars", "in New York"). The time of day is the first time word
/// (night, dawn, morning, evening, ...). Bounded work per scene, whatever its length.
/// </remarks>
internal static class ProseSettingGuesser
{
    public const int WordsRead = 150;

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "in", "at", "inside", "outside", "into", "on", "onto", "near", "across", "through", "under", "aboard",
        "within", "beneath", "behind", "along", "toward", "towards", "from", "around", "to",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "this", "that", "some", "one",
    };

    private static readonly HashSet<string> InteriorPlaces = new(StringComparer.Ordinal)
    {
        "kitchen", "bedroom", "bathroom", "room", "house", "home", "apartment", "flat", "office", "bar", "pub",
        "restaurant", "cafe", "café", "diner", "hospital", "church", "school", "classroom", "library", "lab",
        "laboratory", "warehouse", "factory", "basement", "attic", "hallway", "corridor", "hall", "elevator",
        "lobby", "car", "taxi", "cab", "train", "bus", "truck", "van", "cabin", "cockpit", "spaceship",
        "starship", "submarine", "prison", "cell", "hotel", "motel", "shop", "store", "supermarket", "studio",
        "theater", "theatre", "cinema", "museum", "castle", "palace", "cave", "tent", "garage", "bunker",
        "mansion", "cottage", "hut", "barn", "gym", "courtroom", "station", "tavern", "inn", "chapel", "temple",
        "cathedral", "bank", "casino", "club", "nightclub", "loft", "study", "dormitory", "dorm", "ward",
        "morgue", "precinct", "headquarters", "mall", "airport", "plane", "airplane", "workshop",
        "lighthouse", "tower", "vault", "manor", "penthouse", "clinic", "salon",
    };

    private static readonly HashSet<string> ExteriorPlaces = new(StringComparer.Ordinal)
    {
        "street", "road", "highway", "alley", "city", "town", "village", "forest", "woods", "jungle", "beach",
        "sea", "ocean", "lake", "river", "mountain", "mountains", "hill", "hills", "desert", "field", "fields",
        "farm", "park", "garden", "yard", "backyard", "sky", "space", "planet", "moon", "mars", "island",
        "bridge", "rooftop", "roof", "harbor", "harbour", "port", "dock", "docks", "pier", "cemetery",
        "graveyard", "battlefield", "countryside", "valley", "shore", "coast", "meadow", "swamp", "canyon",
        "cliff", "cliffs", "wasteland", "tundra", "glacier", "volcano", "square", "plaza", "playground",
        "stadium", "boat", "ship", "deck", "camp", "campsite", "trail", "path", "waterfall", "orchard",
        "vineyard", "prairie", "ruins", "crater", "orbit", "sidewalk", "parking", "courtyard", "border", "ice",
    };

    private static readonly Dictionary<string, string> TimeWords = new(StringComparer.Ordinal)
    {
        ["night"] = "NIGHT", ["tonight"] = "NIGHT", ["midnight"] = "NIGHT", ["nighttime"] = "NIGHT", ["moonlight"] = "NIGHT",
        ["dawn"] = "DAWN", ["sunrise"] = "DAWN", ["daybreak"] = "DAWN",
        ["morning"] = "MORNING",
        ["noon"] = "DAY", ["day"] = "DAY", ["daylight"] = "DAY", ["daytime"] = "DAY", ["sunlight"] = "DAY",
        ["afternoon"] = "AFTERNOON",
        ["evening"] = "EVENING",
        ["dusk"] = "DUSK", ["sunset"] = "DUSK", ["twilight"] = "DUSK", ["nightfall"] = "DUSK",
    };

    /// <summary>The guessed place (null when none) and time of day (empty when none).</summary>
    public static (SceneLocation? Place, string TimeOfDay) Guess(string text)
    {
        var words = FirstWords(text);
        var time = "";
        foreach (var (word, _) in words)
        {
            if (TimeWords.TryGetValue(word.ToLowerInvariant(), out var t))
            {
                time = t;
                break;
            }
        }

        // "A rooftop in the rain.": a text that opens on a place.
        if (words.Count > 1 && Determiners.Contains(words[0].Word.ToLowerInvariant()) && PlaceAfter(words, 0, time) is { } opening)
        {
            return (opening, time);
        }

        for (var i = 0; i < words.Count - 1; i++)
        {
            if (!Prepositions.Contains(words[i].Word.ToLowerInvariant()) || words[i].EndsClause)
            {
                continue;
            }

            var place = PlaceAfter(words, i + 1, time);
            if (place is not null)
            {
                return (place, time);
            }
        }

        return (null, time);
    }

    private static SceneLocation? PlaceAfter(List<(string Word, bool EndsClause)> words, int start, string time)
    {
        var i = start;
        var determiner = Determiners.Contains(words[i].Word.ToLowerInvariant());
        if (determiner)
        {
            if (words[i].EndsClause)
            {
                return null;
            }

            i++;
        }

        // preposition [determiner] [adjective] [adjective] place-noun [place-noun]
        for (var n = 0; n < 3 && i + n < words.Count; n++)
        {
            var kind = PlaceKind(words[i + n].Word);
            if (kind is not null)
            {
                var end = i + n;
                if (!words[end].EndsClause && end + 1 < words.Count && PlaceKind(words[end + 1].Word) is { } second)
                {
                    end++;
                    kind = second;
                }

                return new SceneLocation(kind, Join(words, i, end), time);
            }

            if (words[i + n].EndsClause)
            {
                break;
            }
        }

        // "on Mars", "in New York": capitalized words straight after the preposition.
        if (!determiner && start > 0 && char.IsUpper(words[start].Word[0]) && words[start - 1].Word.ToLowerInvariant() is "in" or "on" or "at")
        {
            var end = start;
            while (end + 1 < words.Count && end - start < 2 && !words[end].EndsClause && char.IsUpper(words[end + 1].Word[0]))
            {
                end++;
            }

            return new SceneLocation("", Join(words, start, end), time);
        }

        return null;
    }

    /// <summary>True for a word of the place or time lists, in any case ("Kitchen", "NIGHT").</summary>
    public static bool IsPlaceOrTimeWord(string word) => PlaceKind(word) is not null || TimeWords.ContainsKey(word.ToLowerInvariant());

    private static string? PlaceKind(string word)
    {
        var lower = word.ToLowerInvariant();
        return InteriorPlaces.Contains(lower) ? "INT" : ExteriorPlaces.Contains(lower) ? "EXT" : null;
    }

    private static string Join(List<(string Word, bool EndsClause)> words, int from, int to) =>
        SceneLocation.CleanLocation(string.Join(' ', words.GetRange(from, to - from + 1).Select(w => w.Word)));

    /// <summary>The first words, each with whether punctuation follows it (a phrase does not run past it).</summary>
    private static List<(string Word, bool EndsClause)> FirstWords(string text)
    {
        var words = new List<(string, bool)>();
        var i = 0;
        while (i < text.Length && words.Count < WordsRead)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || ((text[i] is '\'' or '’' or '-') && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            var endsClause = i < text.Length && !char.IsWhiteSpace(text[i]);
            words.Add((text[start..i], endsClause));
        }

        return words;
    }
}
