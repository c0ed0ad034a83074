namespace MoviePipeline.Screenplay;

/// <summary>
/// The local script analyzer: parses the text with <see cref="FountainParser"/>, cuts it into scenes
/// (by heading, or by paragraphs for text without headings), reads its cast and places, estimates
/// durations with <see cref="SceneDurationEstimator"/> and picks trailer scenes with
/// <see cref="TrailerScenePicker"/>. Stateless and thread-safe; never throws; same text, same result.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Characters are the names of character cues (extensions such as (V.O.) removed; a joint cue "A AND B" is
/// both A and B), listed in the order they first appear; a text without any cue takes its names from the prose
/// (<see cref="ProseCastFinder"/>). Who they are (person or thing, gender, age) is read by
/// <see cref="CastTraitsReader"/>.</item>
/// <item>In each scene a character is <b>present</b> when they speak on screen or the action names them as there,
/// <b>heard only</b> when they speak only as a voice-over, off screen, through a device, or are a thing, and
/// <b>mentioned</b> when the action names them only as something talked of ("a photo of Sarah").</item>
/// <item>A character's description is the sentence that introduces them (their name in capitals or after "named", else the first
/// sentence about them), and the one after it when it is short; a character the action never names is described by
/// how and where they are first heard. Their visual description adds what the script says of who they are.</item>
/// <item>A setting is a place: one per location, seen inside or out, at whatever times (<see cref="PlaceBook"/>).
/// A heading without a time of day keeps the time of the scene before.</item>
/// <item>A scene titled OPENING TITLES (or the like), or holding only centered text, is a title card.</item>
/// <item>A script without a spoken line (a story in prose) is narrated: each scene's action is its narration.</item>
/// </list>
/// </remarks>
public sealed class FountainScriptAnalyzer : IScriptAnalyzer
{
    private const int DescriptionChars = 300;
    private const int ShortIntroductionChars = 80;
    private const int TitleChars = 60;
    private const int QuotedLineChars = 80;

    private static readonly HashSet<string> TitleHeadings = new(StringComparer.Ordinal)
    {
        "OPENING TITLES", "MAIN TITLES", "TITLES", "TITLE", "TITLE CARD", "TITLE SEQUENCE", "OPENING CREDITS", "END CREDITS",
        "CREDITS", "CLOSING CREDITS", "END TITLES", "BLACK", "BLACK SCREEN",
    };

    // Words just before a name that make it a mention, not a presence: "a photo of Sarah", "thinks about Edward".
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.Ordinal)
    {
        "of", "about", "photo", "photograph", "photos", "picture", "pictures", "portrait", "poster", "letter", "note",
        "grave", "tombstone", "memory", "memories", "remembers", "misses", "mentions", "than", "texts",
        "dials", "emails", "messages", "without",
    };

    // Words just after a possessive name that are the person's things, not the person: "Sarah's photo".
    private static readonly HashSet<string> ThingsOfSomeone = new(StringComparer.Ordinal)
    {
        "photo", "photograph", "picture", "portrait", "grave", "letter", "note", "name", "memory", "number", "message",
        "empty", "old", "room", "house", "car", "desk", "bed", "things", "ashes", "body",
    };

    public ScriptAnalysis Analyze(string script)
    {
        var document = FountainParser.Parse(script);
        var title = FountainText.ToPlain(document.TitleValue("Title") ?? "");
        var cast = new CastList();
        var drafts = SceneDraftBuilder.Build(document.Elements, cast);
        if (cast.Names.Count == 0)
        {
            // No cues at all (a story or an idea): look for names in the prose instead.
            foreach (var name in ProseCastFinder.Find(drafts.SelectMany(d => d.ActionParagraphs)))
            {
                cast.Add(name);
            }
        }

        var narrated = drafts.All(d => d.Beats.All(b => b.Lines.Count == 0));
        var traits = new CastTraitsReader(cast);
        var places = new PlaceBook(cast);
        var people = new CharacterNotes[cast.Names.Count];
        for (var c = 0; c < people.Length; c++)
        {
            people[c] = new CharacterNotes();
        }

        var characterOrder = new List<int>();
        var scenes = new List<AnalyzedScene>(drafts.Count);
        var signals = new List<TrailerSceneSignals>(drafts.Count);
        SceneLocation? previousLocation = null;

        for (var d = 0; d < drafts.Count; d++)
        {
            var draft = drafts[d];
            var number = d + 1;
            var scene = new SceneCast();
            var dialogue = new List<DialogueLine>();
            int actionWords = 0, dialogueWords = 0, exclamations = 0, shouted = 0;

            foreach (var beat in draft.Beats)
            {
                if (beat.Action is { } action)
                {
                    var reading = cast.Read(action);
                    actionWords += reading.Words;
                    shouted += reading.ShoutedWords;
                    exclamations += PlainText.Count(action, '!');
                    ReadAction(action, number, cast, traits, people, scene);
                    continue;
                }

                var seen = beat.Source == LineSource.OnScreen;
                foreach (var speaker in beat.Speakers)
                {
                    if (seen && !CueReader.IsNeverSeen(cast.Names[speaker]))
                    {
                        scene.Present.Add(speaker);
                    }
                    else
                    {
                        scene.Heard.Add(speaker);
                    }

                    people[speaker].FirstLine ??= (number, beat.Source, beat.Lines.FirstOrDefault()?.Text ?? "");
                    people[speaker].Lines += beat.Lines.Count;
                }

                foreach (var line in beat.Lines)
                {
                    dialogueWords += PlainText.CountWords(line.Text);
                    exclamations += PlainText.Count(line.Text, '!');
                    dialogue.Add(line);
                }
            }

            var takingPart = scene.Present.Concat(scene.Heard).Distinct().ToList();
            foreach (var character in takingPart.Concat(scene.Mentioned))
            {
                if (people[character].FirstScene == 0)
                {
                    people[character].FirstScene = number;
                    characterOrder.Add(character);
                }
            }

            var description = string.Join("\n", draft.ActionParagraphs);
            if (description.Length == 0)
            {
                description = string.Join("\n", draft.Synopses);
            }

            var location = draft.Location ?? GuessLocation(draft, previousLocation);
            var titleCard = TitleCardOf(draft, dialogue.Count, title);
            // A title card happens nowhere: it neither is a place nor moves the story's clock.
            var setting = titleCard is null ? places.Add(location, draft) : "";
            previousLocation = titleCard is null ? location : previousLocation;
            var sceneTitle = draft.Title ?? ProseTitle(draft, number);
            var present = scene.Present.Distinct().ToList();
            var heard = scene.Heard.Distinct().Where(c => !present.Contains(c)).ToList();
            var mentioned = scene.Mentioned.Distinct().Where(c => !present.Contains(c) && !heard.Contains(c)).ToList();
            scenes.Add(new AnalyzedScene(
                number,
                sceneTitle,
                description,
                setting,
                [.. present.Concat(heard).Select(c => cast.Names[c])],
                dialogue,
                // A narrated scene lasts as long as its narration is read.
                narrated ? SceneDurationEstimator.Estimate(0, actionWords, 1) : SceneDurationEstimator.Estimate(actionWords, dialogueWords, dialogue.Count),
                new ScenePresence([.. present.Select(c => cast.Names[c])], [.. heard.Select(c => cast.Names[c])], [.. mentioned.Select(c => cast.Names[c])]),
                location.InteriorExterior,
                location.TimeOfDay,
                titleCard,
                narrated && description.Length > 0 ? description : null));
            signals.Add(new TrailerSceneSignals(number, actionWords + dialogueWords, dialogueWords, exclamations, shouted));
        }

        var characters = characterOrder.ConvertAll(c => DescribeCharacter(cast.Names[c], people[c], traits.TraitsOf(c)));
        return new ScriptAnalysis(title, scenes, characters, places.Settings(), TrailerScenePicker.Pick(signals));
    }

    /// <summary>Reads a paragraph of action sentence by sentence: who it names as there or only talks of, and who they are.</summary>
    private static void ReadAction(string action, int number, CastList cast, CastTraitsReader traits, CharacterNotes[] people, SceneCast scene)
    {
        traits.StartParagraph();
        var sentences = PlainText.Sentences(action, int.MaxValue);
        // Each sentence is read once: its names serve it and, for an introduction, the sentence before it.
        var named = sentences.ConvertAll(sentence => cast.Read(sentence).Mentions);
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var mentions = named[s];
            traits.ReadSentence(sentence, mentions);
            var following = s + 1 < sentences.Count && named[s + 1].Count == 0 ? sentences[s + 1] : null;
            for (var m = 0; m < mentions.Count; m++)
            {
                var (character, position) = mentions[m];
                var reference = IsReference(sentence, position, cast.Names[character]);
                if (reference)
                {
                    scene.Mentioned.Add(character);
                }
                else if (CueReader.IsNeverSeen(cast.Names[character]) || IsHeard(sentence, position, cast.Names[character]))
                {
                    scene.Heard.Add(character);
                }
                else
                {
                    scene.Present.Add(character);
                }

                var notes = people[character];
                var introduction = (Sentence: sentence, Following: following, Scene: number);
                if (notes.Capitals is null && !reference && (IsInCapitals(sentence, position, cast.Names[character]) || IsNamedHere(sentence, position)))
                {
                    notes.Capitals = introduction;
                }

                if (m == 0)
                {
                    notes.AsSubject ??= introduction;
                }

                notes.Any ??= introduction;
            }
        }
    }

    /// <summary>"a photo of SARAH", "thinks about Edward", "Sarah's grave": named, not there.</summary>
    private static bool IsReference(string sentence, int position, string name)
    {
        var before = TraitWords.Words(sentence[..position]);
        if (before.Count > 0 && ReferenceWords.Contains(before[^1]))
        {
            return true;
        }

        var end = Math.Min(sentence.Length, position + name.Length + 3);
        var possessive = sentence.IndexOf("'s ", position, end - position, StringComparison.OrdinalIgnoreCase) is var p and >= 0 ? p
            : sentence.IndexOf("’s ", position, end - position, StringComparison.OrdinalIgnoreCase);
        if (possessive < 0)
        {
            return false;
        }

        var after = TraitWords.Words(sentence[(possessive + 3)..]);
        return after.Count > 0 && ThingsOfSomeone.Contains(after[0]);
    }

    /// <summary>"R2 (V.O.) crackles from the radio", "Sarah's voice on the machine": named as a voice, not seen.</summary>
    private static bool IsHeard(string sentence, int position, string name)
    {
        var i = position + Math.Min(name.Length, sentence.Length - position);
        while (i < sentence.Length && sentence[i] == ' ')
        {
            i++;
        }

        if (i < sentence.Length && sentence[i] == '(')
        {
            var close = sentence.IndexOf(')', i);
            return close > i && CueReader.SourceOf("", sentence[i..(close + 1)]) != LineSource.OnScreen;
        }

        var end = position + Math.Min(name.Length, sentence.Length - position);
        var possessive = sentence.AsSpan(end).StartsWith("'s ") || sentence.AsSpan(end).StartsWith("’s ");
        return possessive && TraitWords.Words(sentence[(end + 3)..]).FirstOrDefault() == "voice";
    }

    /// <summary>"a girl called Ivy": the sentence that introduces her, as a name in capitals does in a screenplay.</summary>
    private static bool IsNamedHere(string sentence, int position) =>
        TraitWords.Words(sentence[..position]).LastOrDefault() is "named" or "called";

    private static bool IsInCapitals(string sentence, int position, string name)
    {
        var length = Math.Min(name.Length, sentence.Length - position);
        var span = sentence.AsSpan(position, length);
        return span.Length > 1 && FountainLineRules.IsUppercase(span);
    }

    /// <summary>
    /// The text of a title card, or null: the centered text of a titles heading (OPENING TITLES) or of a scene with
    /// nothing spoken and next to no action; a titles heading without centered text shows the script's title.
    /// </summary>
    private static string? TitleCardOf(SceneDraft draft, int lines, string scriptTitle)
    {
        var heading = draft.Location?.Location ?? "";
        var isTitles = TitleHeadings.Contains(heading) || (draft.Title is { } t && TitleHeadings.Contains(t.ToUpperInvariant()));
        if (draft.CenteredLines.Count > 0 && (isTitles || (lines == 0 && draft.ActionParagraphs.Sum(PlainText.CountWords) < 12)))
        {
            return string.Join("\n", draft.CenteredLines);
        }

        return isTitles && lines == 0 ? (scriptTitle.Length > 0 ? scriptTitle : draft.Title) : null;
    }

    /// <summary>A scene without a heading takes the place its text names, or stays where the previous one was.</summary>
    private static SceneLocation GuessLocation(SceneDraft draft, SceneLocation? previous)
    {
        var text = string.Join(" ", draft.ActionParagraphs.Take(3));
        var (place, time) = ProseSettingGuesser.Guess(text);
        if (place is not null)
        {
            return place with { TimeOfDay = time.Length > 0 ? time : previous?.TimeOfDay ?? "" };
        }

        if (previous is not null)
        {
            return time.Length > 0 ? previous with { TimeOfDay = time } : previous;
        }

        return new SceneLocation("", SceneLocation.Unspecified, time);
    }

    /// <summary>A scene without a heading is titled by its first sentence, shortened.</summary>
    private static string ProseTitle(SceneDraft draft, int number)
    {
        var first = draft.ActionParagraphs.FirstOrDefault() ?? draft.Synopses.FirstOrDefault();
        var title = first is null ? "" : PlainText.FirstSentences(first, 1, TitleChars).TrimEnd('.');
        return title.Length > 0 ? title : $"Scene {number}";
    }

    private static AnalyzedCharacter DescribeCharacter(string name, CharacterNotes notes, CharacterTraits traits)
    {
        var display = PlainText.DisplayName(name);
        var phrase = TraitPhrase(traits);
        if ((notes.Capitals ?? notes.AsSubject ?? notes.Any) is { } intro && intro.Sentence.Length > 0)
        {
            var description = intro.Sentence;
            if (description.Length < ShortIntroductionChars && intro.Following is { } following)
            {
                description = PlainText.Shorten($"{description} {following}", DescriptionChars);
            }

            var portrait = CharacterPortrait.Compose(name, display, intro.Sentence);
            // A portrait made of the sentence alone ("Grace: GRACE sits…") says who they are from the traits.
            var bare = portrait.StartsWith(display + ": ", StringComparison.Ordinal);
            var visual = phrase is null || !bare ? portrait : $"{display} ({phrase}){portrait[display.Length..]}";
            return new AnalyzedCharacter(name, description, visual, notes.Lines, traits);
        }

        // Never named in the action: described by how and where they are first heard.
        var (scene, source, line) = notes.FirstLine ?? (notes.FirstScene, LineSource.OnScreen, "");
        var how = traits.Kind == CharacterKind.Thing ? "is first heard through its speaker"
            : source switch
            {
                LineSource.VoiceOver => "is first heard in voice-over",
                LineSource.OffScreen => "is first heard off screen",
                LineSource.Device => "is first heard on the phone or over a speaker",
                _ => "first speaks",
            };
        var quoted = line.Length > 0 ? $": “{PlainText.Shorten(line, QuotedLineChars)}”" : ".";
        var about = $"{display}{(phrase is null ? "" : $", {phrase},")} {how} in scene {scene}{quoted}";
        return new AnalyzedCharacter(name, about, about, notes.Lines, traits);
    }

    /// <summary>"a woman in her 30s", "a boy of about 7", "a device": who the traits say the character is, or null.</summary>
    private static string? TraitPhrase(CharacterTraits traits)
    {
        if (traits.Kind == CharacterKind.Thing)
        {
            return "a device that speaks";
        }

        var (noun, possessive) = traits.Gender switch
        {
            Gender.Female => (traits.IsChild ? "girl" : traits.IsTeen ? "teenage girl" : traits.IsElder ? "elderly woman" : "woman", "her"),
            Gender.Male => (traits.IsChild ? "boy" : traits.IsTeen ? "teenage boy" : traits.IsElder ? "elderly man" : "man", "his"),
            _ => (traits.IsChild ? "child" : traits.IsTeen ? "teenager" : traits.IsElder ? "elderly person" : null, "their"),
        };
        if (traits.Age is not { } age)
        {
            return noun is null ? null : $"a {noun}";
        }

        var years = age < 20 ? $"of about {age}" : $"in {possessive} {age / 10 * 10}s";
        return noun is null ? $"aged about {age}" : $"a{(noun.StartsWith('e') ? "n" : "")} {noun} {years}";
    }

    /// <summary>Who a scene holds while it is read, in the order they come.</summary>
    private sealed class SceneCast
    {
        public List<int> Present { get; } = [];

        public List<int> Heard { get; } = [];

        public List<int> Mentioned { get; } = [];
    }

    /// <summary>What the reading found of one character for their description.</summary>
    private sealed class CharacterNotes
    {
        public int FirstScene { get; set; }

        public int Lines { get; set; }

        public (int Scene, LineSource Source, string Text)? FirstLine { get; set; }

        public (string Sentence, string? Following, int Scene)? Capitals { get; set; }

        public (string Sentence, string? Following, int Scene)? AsSubject { get; set; }

        public (string Sentence, string? Following, int Scene)? Any { get; set; }
    }
}
