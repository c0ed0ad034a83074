namespace MoviePipeline.Screenplay;

/// <summary>
/// The script's places: one per location, whatever time of day or side of the door a heading sees it from
/// ("INT. KITCHEN - NIGHT" and "EXT. KITCHEN - DAY" are one KITCHEN, seen inside and out, by night and day). A place is
/// described by the first sentences of action, in the scenes set there, that describe it: sentences that name it or
/// name nobody, with a few words at least ("Very much dead." and ". ." describe nothing).
/// </summary>
internal sealed class PlaceBook(CastList cast)
{
    private const int DescriptionSentences = 2;
    private const int DescriptionChars = 300;
    private const int MinimumDescriptionWords = 4;
    private const int ScenesLookedAt = 3;

    private readonly List<Place> _places = [];
    private readonly Dictionary<string, Place> _byName = new(StringComparer.Ordinal);

    /// <summary>Records that a scene happens at <paramref name="location"/>; returns the place's name.</summary>
    public string Add(SceneLocation location, SceneDraft draft)
    {
        if (!_byName.TryGetValue(location.Location, out var place))
        {
            place = new Place(location.Location);
            _byName.Add(location.Location, place);
            _places.Add(place);
        }

        place.Scenes++;
        AddOnce(place.Sides, location.InteriorExterior);
        AddOnce(place.Times, location.TimeOfDay);
        if (place.Scenes <= ScenesLookedAt && place.Description.Count < DescriptionSentences)
        {
            Describe(place, draft);
        }

        return place.Name;
    }

    public List<AnalyzedSetting> Settings() => _places.ConvertAll(ToSetting);

    private void Describe(Place place, SceneDraft draft)
    {
        foreach (var paragraph in draft.ActionParagraphs.Take(3))
        {
            foreach (var sentence in PlainText.Sentences(paragraph, 6))
            {
                if (place.Description.Count == DescriptionSentences || place.Length + sentence.Length > DescriptionChars)
                {
                    return;
                }

                // Not a sentence about someone ("She reaches for the jar.") nor a camera direction ("VARIOUS SHOTS: …").
                var describes = (sentence.Contains(place.Name, StringComparison.OrdinalIgnoreCase) || cast.Read(sentence).Mentions.Count == 0)
                    && !StartsWithPronoun(sentence) && !IsDirection(sentence);
                if (describes && PlainText.CountWords(sentence) >= MinimumDescriptionWords && !place.Description.Contains(sentence))
                {
                    place.Description.Add(sentence);
                    place.Length += sentence.Length + 1;
                }
            }
        }
    }

    private static bool StartsWithPronoun(string sentence) =>
        TraitWords.Words(sentence).FirstOrDefault() is "he" or "she" or "they" or "his" or "her" or "their" or "him" or "them";

    private static bool IsDirection(string sentence)
    {
        var colon = sentence.IndexOf(':');
        return colon > 0 && FountainLineRules.IsUppercase(sentence.AsSpan(0, colon));
    }

    private static AnalyzedSetting ToSetting(Place place)
    {
        var sides = place.Sides.Count switch
        {
            0 => "",
            1 => place.Sides[0],
            _ => "INT/EXT",
        };
        var times = string.Join(", ", place.Times);
        var name = place.Name == SceneLocation.Unspecified ? "An unspecified place" : PlainText.DisplayName(place.Name);
        var seen = sides switch
        {
            "INT" => "Interior",
            "EXT" => "Exterior",
            "INT/EXT" => "Interior and exterior",
            _ => "",
        };
        var when = place.Times.Count == 0 ? "" : (seen.Length > 0 ? ", " : "") + string.Join(" and ", place.Times.Select(TimePhrase));
        var summary = seen.Length + when.Length > 0 ? $"{name} ({seen}{when})." : $"{name}.";
        var description = string.Join(" ", place.Description);
        return new AnalyzedSetting(
            place.Name, place.Name, sides, times, description.Length > 0 ? description : summary,
            description.Length > 0 ? $"{summary} {description}" : summary, place.Scenes);
    }

    private static string TimePhrase(string time) => time switch
    {
        "NIGHT" => "at night",
        "DAY" => "by day",
        "DAWN" => "at dawn",
        "DUSK" => "at dusk",
        "MORNING" => "in the morning",
        "AFTERNOON" => "in the afternoon",
        "EVENING" => "in the evening",
        "MAGIC HOUR" or "GOLDEN HOUR" => "at magic hour",
        var other => other.ToLowerInvariant(),
    };

    private static void AddOnce(List<string> list, string value)
    {
        if (value.Length > 0 && !list.Contains(value))
        {
            list.Add(value);
        }
    }

    private sealed class Place(string name)
    {
        public string Name { get; } = name;

        public int Scenes { get; set; }

        public List<string> Sides { get; } = [];

        public List<string> Times { get; } = [];

        public List<string> Description { get; } = [];

        public int Length { get; set; }
    }
}
