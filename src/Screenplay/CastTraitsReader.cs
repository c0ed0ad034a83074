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
    private const int WordsBeforeName = 5;

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
                // "SARAH sits. She waits.": a sentence opening on "she" or "he" goes on about the character; its other
                // pronouns may not.
                var words = TraitWords.Words(sentence);
                var (female, male) = TraitWords.Pronouns(words);
                var opening = words.Count > 0 ? words[0] : "";
                Of(_subject).Add(
                    (female * FollowingSentenceWeight) + (opening == "she" ? FollowingSentenceWeight : 0),
                    (male * FollowingSentenceWeight) + (opening == "he" ? FollowingSentenceWeight : 0));
            }

            return;
        }

        var end = 0;
        foreach (var (character, position) in mentions)
        {
            var evidence = Of(character);
            if (position >= end)
            {
                ReadBeforeName(evidence, sentence[end..position]);
            }

            end = ReadAfterName(sentence, position, cast.Names[character], evidence);
        }

        if (named.Count == 1)
        {
            // Only the pronouns after the name: in "He plays it up for Josephine." "he" is someone else.
            var (female, male) = TraitWords.Pronouns(TraitWords.Words(sentence[mentions[0].Position..]));
            Of(named[0]).Add(female, male);
            // The next sentence's "she" is theirs only when this one names nobody else, not even as "the Wife".
            var words = TraitWords.Words(sentence);
            var others = TraitWords.Roles(words).Gender != Gender.Unknown;
            _subject = !others && TraitWords.Pronouns(TraitWords.Words(sentence[..mentions[0].Position])) == (0, 0) ? named[0] : -1;
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

        // YOUNG WILL and ADULT EDWARD are WILL and EDWARD at another age.
        if (gender == Gender.Unknown && SameCharacterAtAnotherAge(name) is { } self && self != character)
        {
            gender = TraitsOf(self).Gender;
        }

        return new CharacterTraits(CharacterKind.Person, gender, evidence.StatedAge ?? roleAge ?? evidence.RoleAge);
    }

    private int? SameCharacterAtAnotherAge(string name)
    {
        var words = FountainText.ToPlain(name).Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && words[0].ToUpperInvariant() is "YOUNG" or "YOUNGER" or "ADULT" or "OLD" or "OLDER" or "TEEN" or "TEENAGE" or "LITTLE")
        {
            var self = cast.IndexOf(words[1]);
            return self >= 0 ? self : null;
        }

        return null;
    }

    /// <summary>
    /// The words just before a name: an age ("a forty-year old man named", "seven-year-old") and the noun right before
    /// it, "named" or "called" aside ("her son WILL", "Beamen's daughter JENNY"). A possessive is someone else's
    /// ("Mom's PORSCHE, Steel"), and a noun further back belongs to something else ("THE BOY BAND, AKA DAN").
    /// </summary>
    private static void ReadBeforeName(Evidence evidence, string text)
    {
        var words = TraitWords.Words(text, keepPossessives: true);
        var near = words.Skip(Math.Max(0, words.Count - WordsBeforeName)).Where(w => !TraitWords.IsPossessive(w)).ToList();
        if (TraitWords.Age(near, bareNumberIsAge: false) is { } age)
        {
            evidence.Ages.Add(age);
        }

        var last = words.Count;
        while (last > 0 && words[last - 1] is "named" or "called")
        {
            last--;
        }

        if (last == 0 || TraitWords.IsPossessive(words[last - 1]))
        {
            return;
        }

        var noun = words[Math.Max(0, last - 2)..last];
        var (gender, roleAge) = TraitWords.Roles(noun);
        evidence.RoleAge ??= roleAge;
        evidence.Add(gender == Gender.Female ? RoleWeight : 0, gender == Gender.Male ? RoleWeight : 0);
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

        // "WILL BLOOM, AGE 3": the rest of a name in capitals comes before what is said of them.
        i = SkipSpaces(sentence, i);
        while (i < sentence.Length && char.IsUpper(sentence[i]) && CapitalWordEnd(sentence, i) is var wordEnd and > 0)
        {
            i = SkipSpaces(sentence, wordEnd);
        }

        // "ZACKY PRICE is 10."
        var next = TraitWords.Words(sentence[i..Math.Min(sentence.Length, i + 16)]);
        if (next.Count >= 2 && next[0] is "is" or "was" && TraitWords.Age([next[1]], bareNumberIsAge: true) is { } stated)
        {
            evidence.Ages.Add(stated);
        }

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

            // ", 8," and ", also 10," are ages; a number in a longer phrase may be anything. Words set off and closed by
            // a comma describe the character (", his wife,"); an open clause may be about anything (", watching his SON").
            var appositive = TraitWords.Words(sentence[(i + 1)..end]);
            var closed = end < sentence.Length && sentence[end] is ',' or '—' or ';' or '(';
            if (closed || appositive.Count <= 3)
            {
                ReadRoles(evidence, appositive, bareNumberIsAge: appositive.Count <= 2);
            }

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

        if (TraitWords.Age(words, bareNumberIsAge) is { } stated)
        {
            evidence.Ages.Add(stated);
        }

        var (gender, roleAge) = TraitWords.Roles(words);
        evidence.RoleAge ??= roleAge;
        evidence.Add(gender == Gender.Female ? RoleWeight : 0, gender == Gender.Male ? RoleWeight : 0);
    }

    /// <summary>The end of a word of two or more capitals at <paramref name="i"/> ("BLOOM", "O'HARA"), or -1.</summary>
    private static int CapitalWordEnd(string text, int i)
    {
        var end = i;
        while (end < text.Length && (char.IsUpper(text[end]) || text[end] is '\'' or '-' or '.'))
        {
            end++;
        }

        var word = text.AsSpan(i, end - i).Trim('.');
        return word.Length >= 2 && (end == text.Length || !char.IsLetter(text[end])) ? end : -1;
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

        /// <summary>Every age the script states, in order: a character may be seen at 3 and at 28.</summary>
        public List<int> Ages { get; } = [];

        /// <summary>
        /// The age to cast by: the first adult age stated, when there is one (the childhood of a grown character is
        /// usually a flashback), else the first age stated.
        /// </summary>
        public int? StatedAge => Ages.Count == 0 ? null : Ages.FirstOrDefault(a => a >= 18) is var adult and > 0 ? adult : Ages[0];

        public int? RoleAge { get; set; }

        public void Add(double female, double male)
        {
            Female += female;
            Male += male;
        }
    }
}
