namespace MoviePipeline.Screenplay;

/// <summary>
/// The words that tell a character's gender and age: pronouns, role nouns ("his wife", "a 7-year-old boy"), titles
/// (MRS., SIR), ages as screenplays write them ("(30s)", "(7)", "AGE 7", "in her sixties") and common first names.
/// All lookups are on single words; nothing here is a regular expression.
/// </summary>
internal static class TraitWords
{
    private static readonly Dictionary<string, (Gender Gender, int? Age)> RoleNouns = new(StringComparer.Ordinal)
    {
        ["woman"] = (Gender.Female, null), ["women"] = (Gender.Female, null), ["lady"] = (Gender.Female, null), ["wife"] = (Gender.Female, null),
        ["mother"] = (Gender.Female, null), ["mom"] = (Gender.Female, null), ["mum"] = (Gender.Female, null), ["mommy"] = (Gender.Female, null),
        ["daughter"] = (Gender.Female, null), ["sister"] = (Gender.Female, null), ["aunt"] = (Gender.Female, null), ["niece"] = (Gender.Female, null),
        ["grandmother"] = (Gender.Female, 72), ["grandma"] = (Gender.Female, 72), ["granny"] = (Gender.Female, 75), ["queen"] = (Gender.Female, null),
        ["princess"] = (Gender.Female, null), ["actress"] = (Gender.Female, null), ["waitress"] = (Gender.Female, null), ["girlfriend"] = (Gender.Female, null),
        ["bride"] = (Gender.Female, null), ["widow"] = (Gender.Female, null), ["nun"] = (Gender.Female, null), ["mrs"] = (Gender.Female, null),
        ["ms"] = (Gender.Female, null), ["miss"] = (Gender.Female, null), ["madam"] = (Gender.Female, null), ["madame"] = (Gender.Female, null),
        ["stepmother"] = (Gender.Female, null), ["heroine"] = (Gender.Female, null), ["housewife"] = (Gender.Female, null), ["landlady"] = (Gender.Female, null),
        ["policewoman"] = (Gender.Female, null), ["businesswoman"] = (Gender.Female, null), ["duchess"] = (Gender.Female, null), ["countess"] = (Gender.Female, null),
        ["empress"] = (Gender.Female, null), ["goddess"] = (Gender.Female, null), ["hostess"] = (Gender.Female, null), ["stewardess"] = (Gender.Female, null),
        ["fiancée"] = (Gender.Female, null), ["fiancee"] = (Gender.Female, null), ["matriarch"] = (Gender.Female, 65), ["girl"] = (Gender.Female, 10),
        ["schoolgirl"] = (Gender.Female, 11), ["maid"] = (Gender.Female, null), ["nanny"] = (Gender.Female, null), ["gal"] = (Gender.Female, null),
        ["man"] = (Gender.Male, null), ["men"] = (Gender.Male, null), ["guy"] = (Gender.Male, null), ["gentleman"] = (Gender.Male, null),
        ["husband"] = (Gender.Male, null), ["father"] = (Gender.Male, null), ["dad"] = (Gender.Male, null), ["daddy"] = (Gender.Male, null),
        ["son"] = (Gender.Male, null), ["brother"] = (Gender.Male, null), ["uncle"] = (Gender.Male, null), ["nephew"] = (Gender.Male, null),
        ["grandfather"] = (Gender.Male, 72), ["grandpa"] = (Gender.Male, 72), ["king"] = (Gender.Male, null), ["prince"] = (Gender.Male, null),
        ["waiter"] = (Gender.Male, null), ["boyfriend"] = (Gender.Male, null), ["groom"] = (Gender.Male, null), ["widower"] = (Gender.Male, null),
        ["monk"] = (Gender.Male, null), ["priest"] = (Gender.Male, null), ["mr"] = (Gender.Male, null), ["sir"] = (Gender.Male, null),
        ["lord"] = (Gender.Male, null), ["stepfather"] = (Gender.Male, null), ["policeman"] = (Gender.Male, null), ["businessman"] = (Gender.Male, null),
        ["duke"] = (Gender.Male, null), ["emperor"] = (Gender.Male, null), ["fiancé"] = (Gender.Male, null), ["fiance"] = (Gender.Male, null),
        ["lad"] = (Gender.Male, 17), ["dude"] = (Gender.Male, null), ["fella"] = (Gender.Male, null), ["patriarch"] = (Gender.Male, 65),
        ["landlord"] = (Gender.Male, null), ["boy"] = (Gender.Male, 10), ["schoolboy"] = (Gender.Male, 11), ["bloke"] = (Gender.Male, null),
        ["baby"] = (Gender.Unknown, 1), ["toddler"] = (Gender.Unknown, 3), ["child"] = (Gender.Unknown, 8), ["kid"] = (Gender.Unknown, 9),
        ["teenager"] = (Gender.Unknown, 16), ["teen"] = (Gender.Unknown, 16), ["teenage"] = (Gender.Unknown, 16), ["elderly"] = (Gender.Unknown, 75),
        ["middle-aged"] = (Gender.Unknown, 50), ["octogenarian"] = (Gender.Unknown, 85), ["pensioner"] = (Gender.Unknown, 72),
    };

    private static readonly HashSet<string> FemaleNames = new(StringComparer.Ordinal)
    {
        "MARY", "SARAH", "ANNA", "ANNE", "ANN", "EMMA", "EMILY", "ELIZABETH", "LIZ", "KATE", "KATHERINE", "KATIE", "JANE", "JESSICA",
        "JENNIFER", "JENNY", "LAURA", "LISA", "LINDA", "SUSAN", "SUE", "KAREN", "NANCY", "HELEN", "RACHEL", "REBECCA", "RUTH", "ALICE",
        "CLAIRE", "CLARA", "GRACE", "HANNAH", "JULIA", "JULIE", "LUCY", "MARIA", "MARTHA", "MEGAN", "MOLLY", "NINA", "OLIVIA", "SOPHIE",
        "SOPHIA", "VICTORIA", "AMY", "AMANDA", "ANGELA", "BETH", "BETTY", "CAROL", "CATHERINE", "CHLOE", "DIANA", "DOROTHY", "EVA", "EVE",
        "FIONA", "GLORIA", "IRENE", "ISABEL", "JOAN", "JUDY", "LILY", "LOUISE", "MAGGIE", "MARGARET", "MEG", "MIA", "NATALIE", "NORA",
        "PATRICIA", "PEGGY", "ROSE", "SALLY", "SAMANTHA", "STELLA", "TINA", "VERA", "WENDY", "ZOE", "ELLA", "ELLIE", "ADA", "ROSA",
        "DEBBIE", "DONNA", "BARBARA", "MAYA", "LEAH", "ABBY", "HOLLY", "JOSIE", "MARGOT", "HELENA", "AVA", "IRIS", "IVY", "PENNY",
    };

    private static readonly HashSet<string> MaleNames = new(StringComparer.Ordinal)
    {
        "JOHN", "JAMES", "ROBERT", "MICHAEL", "WILLIAM", "WILL", "DAVID", "RICHARD", "JOSEPH", "JOE", "THOMAS", "TOM", "CHARLES",
        "CHARLIE", "DANIEL", "DAN", "MATTHEW", "MATT", "ANTHONY", "TONY", "MARK", "PAUL", "STEVEN", "STEVE", "ANDREW", "ANDY", "KEVIN",
        "BRIAN", "GEORGE", "EDWARD", "ED", "EDDIE", "PETER", "PETE", "FRANK", "JACK", "HENRY", "HARRY", "SAM", "SAMUEL", "BEN",
        "BENJAMIN", "NICK", "NICHOLAS", "JASON", "ERIC", "ADAM", "LUKE", "SIMON", "OSCAR", "MAX", "LEO", "FRED", "BILL", "BOB",
        "JIM", "JIMMY", "JERRY", "LARRY", "GARY", "CARL", "ARTHUR", "WALTER", "RAY", "ROGER", "VICTOR", "VINCENT", "HUGO", "IVAN",
        "KARL", "OTTO", "LEON", "NOAH", "LIAM", "ETHAN", "JACOB", "RYAN", "TIM", "TIMOTHY", "PATRICK", "SEAN", "DENNIS", "DOUG",
        "DOUGLAS", "HAROLD", "HOWARD", "MARTIN", "RALPH", "ROY", "STANLEY", "TED", "TERRY", "WAYNE", "BRICK", "OMAR", "HANK", "GUS", "DICK", "DON", "KARL",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> Decades = new(StringComparer.Ordinal)
    {
        ["teens"] = 15, ["twenties"] = 25, ["thirties"] = 35, ["forties"] = 45, ["fifties"] = 55, ["sixties"] = 65, ["seventies"] = 75,
        ["eighties"] = 85, ["nineties"] = 93,
    };

    /// <summary>
    /// The words of a text, lower case, with the punctuation around them removed ("(30s)," is "30s"); "Sarah's" is
    /// "sarah" unless <paramref name="keepPossessives"/>.
    /// </summary>
    public static List<string> Words(string text, bool keepPossessives = false)
    {
        var words = new List<string>();
        foreach (var raw in text.Split([' ', '\t', '\n', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('(', ')', ',', '.', ';', ':', '!', '?', '"', '“', '”', '—', '–', '[', ']', '\'', '’').ToLowerInvariant();
            // "Sarah's" is Sarah; "40's" stays an age.
            if (!keepPossessives && IsPossessive(word))
            {
                word = word[..^2];
            }

            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>"mom's", "Sarah’s"; not "40's", an age.</summary>
    public static bool IsPossessive(string word) =>
        word.Length > 2 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)) && !char.IsAsciiDigit(word[0]);

    /// <summary>
    /// Female and male weight of the pronouns in <paramref name="words"/> that point back to the sentence's subject.
    /// A possessive after a verb ("shakes her head", "takes his coat") and a reflexive count whole; "he" and "she"
    /// inside the sentence and a possessive after a preposition ("with his coat", "listening to his story") half: they
    /// may be someone else; object pronouns ("kisses him") not at all: those are mostly the other person in the scene.
    /// </summary>
    public static (double Female, double Male) Pronouns(IReadOnlyList<string> words)
    {
        double female = 0, male = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var previous = i > 0 ? words[i - 1] : "";
            var next = i + 1 < words.Count ? words[i + 1] : "";
            var weight = words[i] switch
            {
                "herself" or "himself" => 1.0,
                "his" or "her" when Prepositions.Contains(previous) => 0.5,
                "his" => 1,
                "her" when next.Length > 0 && !NotAfterPossessive.Contains(next) => 1,
                "he" or "she" => i == 0 ? 1 : 0.5,
                _ => 0,
            };
            if (words[i] is "herself" or "her" or "she")
            {
                female += weight;
            }
            else if (words[i] is "himself" or "his" or "he")
            {
                male += weight;
            }
        }

        return (female, male);
    }

    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal)
    {
        "to", "at", "with", "for", "from", "on", "onto", "into", "of", "about", "over", "behind", "beside", "by", "past",
        "toward", "towards", "under", "near", "like", "than", "around", "through", "across", "against", "after", "before",
    };

    // Words after "her" that make it an object ("kisses her and leaves"), not a possessive ("her coat").
    private static readonly HashSet<string> NotAfterPossessive = new(StringComparer.Ordinal)
    {
        "and", "or", "but", "to", "as", "with", "at", "in", "on", "for", "from", "up", "down", "off", "out", "back", "again",
        "away", "a", "an", "the", "that", "this", "so", "too", "then", "into", "over", "by", "close", "tight",
    };

    /// <summary>What role nouns and titles in <paramref name="words"/> say: "his wife" is a woman, "a boy" a male child.</summary>
    public static (Gender Gender, int? Age) Roles(IReadOnlyList<string> words)
    {
        var gender = Gender.Unknown;
        int? age = null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var previous = i > 0 ? words[i - 1] : "";
            if ((RoleNouns.TryGetValue(word, out var known) ? known : RoleBySuffix(word)) is { } role)
            {
                gender = gender == Gender.Unknown ? role.Gender : gender;
                var roleAge = role.Age;
                if (previous is "little" or "small" && word is "girl" or "boy" or "kid" or "child")
                {
                    roleAge = 7;
                }
                else if (previous is "old" or "elderly" or "aged" && word is "man" or "woman" or "lady" or "gentleman" or "men" or "women")
                {
                    roleAge = 72;
                }
                else if (previous is "young" && word is "man" or "woman" or "lady")
                {
                    roleAge = 24;
                }

                age ??= roleAge;
            }
        }

        return (gender, age);
    }

    private static readonly HashSet<string> NotMen = new(StringComparer.Ordinal) { "human", "german", "roman", "shaman", "talisman", "ottoman", "caiman" };

    /// <summary>"fisherwoman", "chairwoman" are women; "fisherman", "postman" men.</summary>
    private static (Gender Gender, int? Age)? RoleBySuffix(string word) =>
        word.EndsWith("woman", StringComparison.Ordinal) || word.EndsWith("women", StringComparison.Ordinal) ? (Gender.Female, null)
        : word.Length >= 6 && (word.EndsWith("man", StringComparison.Ordinal) || word.EndsWith("men", StringComparison.Ordinal)) && !NotMen.Contains(word) ? (Gender.Male, null)
        : null;

    /// <summary>The gender a first name usually has, from a short list of common names; Unknown for any other.</summary>
    public static Gender OfFirstName(string name)
    {
        var first = FountainText.ToPlain(name).ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim('.', ',') ?? "";
        return FemaleNames.Contains(first) ? Gender.Female : MaleNames.Contains(first) ? Gender.Male : Gender.Unknown;
    }

    /// <summary>
    /// An age as screenplays write it, from the words of a parenthetical or an appositive: "30s" (35), "mid-40s",
    /// "late 20s", "7", "age 7", "aged 7", "7-year-old", "seven-year-old", "10 years old", "in her sixties",
    /// "thirty-something". Null when there is none.
    /// </summary>
    public static int? Age(IReadOnlyList<string> words, bool bareNumberIsAge)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var previous = i > 0 ? words[i - 1] : "";
            var next = i + 1 < words.Count ? words[i + 1] : "";
            if (Decades.TryGetValue(word, out var decade))
            {
                return Shifted(decade, previous);
            }

            // "forty-year old"
            if (word.EndsWith("-year", StringComparison.Ordinal) && next == "old" && Number(word[..^5]) is { } aged)
            {
                return aged;
            }

            // "7-year-old", "seven-year-old", "twenty-five-year-old", "30-something"
            foreach (var suffix in new[] { "-year-old", "-years-old", "-yr-old", "-something", "something" })
            {
                if (word.EndsWith(suffix, StringComparison.Ordinal) && Number(word[..^suffix.Length].TrimEnd('-')) is { } n)
                {
                    return suffix.Contains("something", StringComparison.Ordinal) ? n + 5 : n;
                }
            }

            // "mid-40s", "early-30s"
            var dash = word.IndexOf('-');
            if (dash > 0 && word[..dash] is "early" or "mid" or "late" && DecadeNumber(word[(dash + 1)..]) is { } d)
            {
                return Shifted(d, word[..dash]);
            }

            if (DecadeNumber(word) is { } tens)
            {
                return Shifted(tens, previous);
            }

            if (Number(word) is { } number and > 0 and < 110)
            {
                if (next is "years" or "year" or "yrs" or "yo" || previous is "age" or "aged" or "ages")
                {
                    return number;
                }

                if (bareNumberIsAge && (words.Count == 1 || previous is "now" or "also" or "about" or "around" or "nearly" or "almost"))
                {
                    return number;
                }
            }
        }

        return null;
    }

    /// <summary>"30s" is 30 (and "thirties" too); the decade's middle comes from <see cref="Shifted"/>.</summary>
    private static int? DecadeNumber(string word)
    {
        if (word.Length >= 3 && word[^1] == 's' && int.TryParse(word.AsSpan(0, word.Length - 1).TrimEnd('\''), out var tens) && tens % 10 == 0 && tens is >= 10 and <= 90)
        {
            return tens;
        }

        return null;
    }

    private static int Shifted(int decade, string qualifier)
    {
        var start = decade % 10 == 5 || decade == 93 ? decade - 5 : decade;
        return qualifier switch
        {
            "early" => start + 2,
            "mid" => start + 5,
            "late" => start + 8,
            _ => decade % 10 == 0 ? decade + 5 : decade,
        };
    }

    private static int? Number(string word)
    {
        if (int.TryParse(word, out var n))
        {
            return n;
        }

        if (NumberWords.TryGetValue(word, out n))
        {
            return n;
        }

        // "twenty-five"
        var dash = word.IndexOf('-');
        if (dash > 0 && NumberWords.TryGetValue(word[..dash], out var tens) && tens >= 20 && NumberWords.TryGetValue(word[(dash + 1)..], out var ones) && ones < 10)
        {
            return tens + ones;
        }

        return null;
    }
}
