namespace MoviePipeline.Screenplay;

/// <summary>
/// The local script analyzer: parses the text with <see cref="FountainParser"/>, cuts it into scenes
/// (by heading, or by paragraphs for text without headings), finds characters and settings, estimates
/// durations with <see cref="SceneDurationEstimator"/> and picks trailer scenes with
/// <see cref="TrailerScenePicker"/>. Stateless and thread-safe; never throws; same text, same result.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Characters are the names of character cues (extensions such as (V.O.) removed), listed in the
/// order they first appear; a text without any cue takes its names from the prose (<see cref="ProseCastFinder"/>). A character appears in a scene when cued there or named in its action
/// (whole words, capitalized: SARAH, Sarah, Sarah's). Their description is the first sentence of
/// action that names them; their visual description is composed from it (age in parentheses, and the
/// words set off by commas after the name: "SARAH (30s), sharp-eyed and tired," gives
/// "Sarah, aged 30s, sharp-eyed and tired."). Their line count is their number of dialogue lines.</item>
/// <item>A setting is a distinct interior/exterior, location and time of day (<see cref="SceneLocation"/>);
/// its description is the first two sentences of action of the first scene set there.</item>
/// <item>A dialogue line is one run of dialogue or lyrics with the parenthetical before it; a
/// parenthetical with no dialogue after it is not a line.</item>
/// </list>
/// </remarks>
public sealed class FountainScriptAnalyzer : IScriptAnalyzer
{
    private const int DescriptionSentences = 2;
    private const int DescriptionChars = 300;
    private const int TitleChars = 60;

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

        var scenes = new List<AnalyzedScene>(drafts.Count);
        var signals = new List<TrailerSceneSignals>(drafts.Count);
        var lineCounts = new int[cast.Names.Count];
        var introductions = new (string Sentence, int Scene)?[cast.Names.Count];
        var firstScene = new int[cast.Names.Count];
        var characterOrder = new List<int>();
        var settings = new List<(SceneLocation Location, string Description)>();
        var settingIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        SceneLocation? previousLocation = null;

        for (var d = 0; d < drafts.Count; d++)
        {
            var draft = drafts[d];
            var number = d + 1;
            var order = new List<int>();
            var seen = new HashSet<int>();
            var dialogue = new List<DialogueLine>();
            int actionWords = 0, dialogueWords = 0, exclamations = 0, shouted = 0;

            void Appear(int character)
            {
                if (character >= 0 && seen.Add(character))
                {
                    order.Add(character);
                }
            }

            foreach (var beat in draft.Beats)
            {
                if (beat.Action is { } action)
                {
                    var reading = cast.Read(action);
                    actionWords += reading.Words;
                    shouted += reading.ShoutedWords;
                    exclamations += PlainText.Count(action, '!');
                    foreach (var (character, position) in reading.Mentions)
                    {
                        Appear(character);
                        introductions[character] ??= (PlainText.SentenceAround(action, position, DescriptionChars), number);
                    }
                }
                else
                {
                    Appear(beat.Speaker);
                    foreach (var line in beat.Lines)
                    {
                        dialogueWords += PlainText.CountWords(line.Text);
                        exclamations += PlainText.Count(line.Text, '!');
                        dialogue.Add(line);
                        if (beat.Speaker >= 0)
                        {
                            lineCounts[beat.Speaker]++;
                        }
                    }
                }
            }

            foreach (var character in order)
            {
                if (firstScene[character] == 0)
                {
                    firstScene[character] = number;
                    characterOrder.Add(character);
                }
            }

            var description = string.Join("\n", draft.ActionParagraphs);
            if (description.Length == 0)
            {
                description = string.Join("\n", draft.Synopses);
            }

            var location = draft.Location ?? GuessLocation(draft, previousLocation);
            previousLocation = location;
            if (!settingIndex.ContainsKey(location.Name))
            {
                settingIndex.Add(location.Name, settings.Count);
                settings.Add((location, DescribePlace(draft, location, cast)));
            }

            var sceneTitle = draft.Title ?? ProseTitle(draft, number);
            scenes.Add(new AnalyzedScene(
                number,
                sceneTitle,
                description,
                location.Name,
                order.ConvertAll(c => cast.Names[c]),
                dialogue,
                SceneDurationEstimator.Estimate(actionWords, dialogueWords, dialogue.Count)));
            signals.Add(new TrailerSceneSignals(number, actionWords + dialogueWords, dialogueWords, exclamations, shouted));
        }

        var characters = characterOrder.ConvertAll(c => DescribeCharacter(cast.Names[c], introductions[c], firstScene[c], lineCounts[c], title));
        var analyzedSettings = settings.ConvertAll(s => DescribeSetting(s.Location, s.Description));
        return new ScriptAnalysis(title, scenes, characters, analyzedSettings, TrailerScenePicker.Pick(signals));
    }

    /// <summary>
    /// A place is described by the first sentences of its first scene's action that name the place or
    /// name no character ("Waves slam the rocks."), or by its first sentences when there are none.
    /// </summary>
    private static string DescribePlace(SceneDraft draft, SceneLocation location, CastList cast)
    {
        var chosen = new List<string>();
        var length = 0;
        foreach (var paragraph in draft.ActionParagraphs.Take(3))
        {
            foreach (var sentence in PlainText.Sentences(paragraph, 6))
            {
                if (chosen.Count == DescriptionSentences || length + sentence.Length > DescriptionChars)
                {
                    break;
                }

                if (sentence.Contains(location.Location, StringComparison.OrdinalIgnoreCase) || cast.Read(sentence).Mentions.Count == 0)
                {
                    chosen.Add(sentence);
                    length += sentence.Length + 1;
                }
            }
        }

        if (chosen.Count > 0)
        {
            return string.Join(" ", chosen);
        }

        return PlainText.FirstSentences(draft.ActionParagraphs.FirstOrDefault() ?? "", DescriptionSentences, DescriptionChars);
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

    private static AnalyzedCharacter DescribeCharacter(string name, (string Sentence, int Scene)? introduction, int scene, int lines, string storyTitle)
    {
        var display = PlainText.DisplayName(name);
        if (introduction is not { } intro || intro.Sentence.Length == 0)
        {
            var story = storyTitle.Length > 0 ? storyTitle : "the story";
            return new AnalyzedCharacter(name, $"{display} first appears in scene {scene}.", $"{display}, a character in {story}.", lines);
        }

        return new AnalyzedCharacter(name, intro.Sentence, CharacterPortrait.Compose(name, display, intro.Sentence), lines);
    }

    private static AnalyzedSetting DescribeSetting(SceneLocation location, string description)
    {
        var place = location.Location == SceneLocation.Unspecified ? "An unspecified place" : PlainText.DisplayName(location.Location);
        var kind = location.InteriorExterior switch
        {
            "INT" => "Interior: ",
            "EXT" => "Exterior: ",
            "INT/EXT" => "Interior and exterior: ",
            _ => "",
        };
        var time = location.TimeOfDay switch
        {
            "" => "",
            "NIGHT" => ", at night",
            "DAY" => ", by day",
            "DAWN" => ", at dawn",
            "DUSK" => ", at dusk",
            "MORNING" => ", in the morning",
            "AFTERNOON" => ", in the afternoon",
            "EVENING" => ", in the evening",
            var other => ", " + other.ToLowerInvariant(),
        };
        var setting = $"{kind}{place}{time}.";
        var visual = description.Length > 0 ? $"{setting} {description}" : setting;
        return new AnalyzedSetting(location.Name, location.Location, location.InteriorExterior, location.TimeOfDay, description.Length > 0 ? description : setting, visual);
    }
}
