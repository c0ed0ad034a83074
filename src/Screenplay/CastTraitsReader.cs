namespace MoviePipeline.Screenplay;

/// <summary>
/// Gathers, over a whole script, what says who each character is: their cue's words (MRS. PIKE, LITTLE GIRL,
/// PRINTER), the words set off after their name in the action ("SARAH (30s), his wife,"), the words just before it
/// ("her son WILL", "seven-year-old WILL"), the pronouns of sentences about them alone and of the sentences that
/// follow with no other name, and their first name. Evidence is weighed, not trusted one word at a time: a gender is
/// given only when it clearly outweighs the other.
/// </summary>
internal sealed class CastTraitsReader(CastList cast)
{
    private const double RoleWeight = 3;
    private const double FirstNameWeight = 1.5;
    private const double FollowingSentenceWeight = 0.5;
    private const int WordsBeforeName = 3;

    private readonly Dictionary<int, Evidence> _evidence = [];
    private int _subject = -1;

    /// <summary>A new paragraph: a pronoun no longer points back to the last sentence's character.</summary>
    public void StartParagraph() => _subject = -1;

    /// <summary>Reads one sentence of action and the characters it names (<see cref="CastList.Read"/>, positions within it).</summary>
    public void ReadSentence(string sentence, IReadOnlyList<(int Character, int Position)> mentions)
    {
        var named = mentions.Select(m => m.Character).Distinct().ToList();
        if (named.Count == 0)
        {
            if (_subject >= 0)
            {
                var (female, male) = TraitWords.Pronouns(TraitWords.Words(sentence));
                Of(_subject).Add(female * FollowingSentenceWeight, male * FollowingSentenceWeight);
            }

            return;
        }

        var end = 0;
        foreach (var (character, position) in mentions)
        {
            var evidence = Of(character);
            if (position >= end)
            {
                var before = TraitWords.Words(sentence[end..position]);
                ReadRoles(evidence, before.Skip(Math.Max(0, before.Count - WordsBeforeName)).ToList(), bareNumberIsAge: false);
            }

            end = ReadAfterName(sentence, position, cast.Names[character], evidence);
        }

        if (named.Count == 1)
        {
            var (female, male) = TraitWords.Pronouns(TraitWords.Words(sentence));
            Of(named[0]).Add(female, male);
            _subject = named[0];
        }
        else
        {
            _subject = -1;
        }
    }

    /// <summary>What the evidence says of <paramref name="character"/>, with its cue name and first name weighed in.</summary>
    public CharacterTraits TraitsOf(int character)
    {
        var name = cast.Names[character];
        if (CueReader.IsThing(name))
        {
            return new CharacterTraits(CharacterKind.Thing, Gender.Unknown, null);
        }

        var evidence = Of(character);
        var (roleGender, roleAge) = TraitWords.Roles(TraitWords.Words(name));
        var female = evidence.Female + (roleGender == Gender.Female ? RoleWeight : 0);
        var male = evidence.Male + (roleGender == Gender.Male ? RoleWeight : 0);
        switch (TraitWords.OfFirstName(name))
        {
            case Gender.Female:
                female += FirstNameWeight;
                break;
            case Gender.Male:
                male += FirstNameWeight;
                break;
        }

        var gender = female >= 1 && female >= 2 * male ? Gender.Female
            : male >= 1 && male >= 2 * female ? Gender.Male
            : Gender.Unknown;
        return new CharacterTraits(CharacterKind.Person, gender, evidence.StatedAge ?? roleAge ?? evidence.RoleAge);
    }

    /// <summary>Reads "(30s)" and ", his wife," after the name at <paramref name="position"/>; returns where they end.</summary>
    private static int ReadAfterName(string sentence, int position, string name, Evidence evidence)
    {
        var i = position;
        if (string.Compare(sentence, position, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
        {
            i += name.Length;
        }
        else
        {
            while (i < sentence.Length && PlainText.IsWordChar(sentence[i]))
            {
                i++;
            }
        }

        i = SkipSpaces(sentence, i);
        if (i < sentence.Length && sentence[i] == '(')
        {
            var close = sentence.IndexOf(')', i);
            if (close > i)
            {
                ReadRoles(evidence, TraitWords.Words(sentence[(i + 1)..close]), bareNumberIsAge: true);
                i = SkipSpaces(sentence, close + 1);
            }
        }

        if (i < sentence.Length && sentence[i] is ',' or '—' or '–')
        {
            var end = i + 1;
            while (end < sentence.Length && sentence[end] is not (',' or ';' or '.' or '!' or '?' or '—' or '(' or ')'))
            {
                end++;
            }

            ReadRoles(evidence, TraitWords.Words(sentence[(i + 1)..end]), bareNumberIsAge: false);
            i = end;
        }

        return i;
    }

    private static void ReadRoles(Evidence evidence, IReadOnlyList<string> words, bool bareNumberIsAge)
    {
        if (words.Count == 0)
        {
            return;
        }

        evidence.StatedAge ??= TraitWords.Age(words, bareNumberIsAge);
        var (gender, age) = TraitWords.Roles(words);
        evidence.RoleAge ??= age;
        evidence.Add(gender == Gender.Female ? RoleWeight : 0, gender == Gender.Male ? RoleWeight : 0);
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private Evidence Of(int character)
    {
        if (!_evidence.TryGetValue(character, out var evidence))
        {
            _evidence.Add(character, evidence = new Evidence());
        }

        return evidence;
    }

    private sealed class Evidence
    {
        public double Female { get; private set; }

        public double Male { get; private set; }

        public int? StatedAge { get; set; }

        public int? RoleAge { get; set; }

        public void Add(double female, double male)
        {
            Female += female;
            Male += male;
        }
    }
}
