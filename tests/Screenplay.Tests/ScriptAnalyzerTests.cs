namespace MoviePipeline.Screenplay.Tests;

/// <summary>The analysis rules one at a time: durations, trailer picks, headings, prose scenes, characters.</summary>
public sealed class ScriptAnalyzerTests
{
    private static readonly FountainScriptAnalyzer Analyzer = new();

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n  ")]
    [InlineData("\uFEFF")]
    [InlineData("[[only a note]]")]
    [InlineData("/* only boneyard */")]
    public void Analyze_NothingToTell_GivesNoScenes(string script)
    {
        var analysis = Analyzer.Analyze(script);
        Assert.Empty(analysis.Scenes);
        Assert.Empty(analysis.Characters);
        Assert.Empty(analysis.Settings);
        Assert.Empty(analysis.TrailerSceneNumbers);
        Assert.Equal("", analysis.Title);
    }

    [Fact]
    public void Analyze_Null_GivesNoScenes()
    {
        Assert.Empty(Analyzer.Analyze(null!).Scenes);
    }

    [Theory]
    [InlineData(0, 0, 0, 3)]       // nothing: the minimum
    [InlineData(18, 0, 0, 6)]      // 18 words of action at 3 a second, nobody speaking
    [InlineData(30, 0, 0, 8)]      // 10 s of reading, but a silent still lasts at most 8 s
    [InlineData(0, 25, 1, 12)]     // 25 words of dialogue at 2.5 a second, a half-second beat, and a 1 s beat of action
    [InlineData(120, 80, 8, 39)]   // a typical page: 36 s of speech, and 3 s of the action it does not cover
    [InlineData(150, 10, 1, 8)]    // 4.5 s of speech, 50 s of action reading: the action adds at most 3 s
    [InlineData(4, 1, 1, 3)]       // 0.9 + 1 rounds to 2, then the minimum
    public void Estimate_Words_FollowTheDocumentedRule(int actionWords, int dialogueWords, int speeches, double seconds)
    {
        Assert.Equal(seconds, SceneDurationEstimator.Estimate(actionWords, dialogueWords, speeches));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(12, 3)]
    [InlineData(13, 4)]
    [InlineData(16, 4)]
    [InlineData(17, 5)]
    [InlineData(200, 5)]
    public void Pick_SceneCount_IsThreeToFiveOrAllWhenFewer(int scenes, int picked)
    {
        var signals = Enumerable.Range(1, scenes).Select(n => new TrailerSceneSignals(n, 50, 10, 0, 0)).ToList();
        var picks = TrailerScenePicker.Pick(signals);
        Assert.Equal(picked, picks.Count);
        Assert.Equal(picks.Order(), picks);
        Assert.Equal(picks.Distinct().Count(), picks.Count);
    }

    [Fact]
    public void Pick_EachStretch_GivesItsBestScene()
    {
        // 12 scenes, three stretches of four. Scene 2 talks the most in the first stretch but the
        // opening hook wins; scene 7 is loud in the middle; the climax sits at 80 % (scene 10).
        var signals = Enumerable.Range(1, 12).Select(n => new TrailerSceneSignals(n, 50, 0, 0, 0)).ToList();
        signals[1] = signals[1] with { DialogueWords = 30 };
        signals[6] = signals[6] with { Exclamations = 5, ShoutedWords = 3, DialogueWords = 25 };
        Assert.Equal([1, 7, 10], TrailerScenePicker.Pick(signals));
    }

    [Fact]
    public void Score_EmptyScene_IsWorthLittle()
    {
        var bare = TrailerScenePicker.Score(new TrailerSceneSignals(1, 2, 0, 0, 0), 0, 10);
        var full = TrailerScenePicker.Score(new TrailerSceneSignals(1, 40, 0, 0, 0), 0, 10);
        Assert.Equal(full * 2 / 25, bare, 9);
    }

    [Theory]
    [InlineData("INT. KITCHEN - NIGHT", "INT", "KITCHEN", "NIGHT", "INT. KITCHEN - NIGHT")]
    [InlineData("ext. the old mill – dusk", "EXT", "THE OLD MILL", "DUSK", "EXT. THE OLD MILL - DUSK")]
    [InlineData("EST. CITY - DAY", "EXT", "CITY", "DAY", "EXT. CITY - DAY")]
    [InlineData("INT./EXT. CAR (MOVING) - DAY", "INT/EXT", "CAR (MOVING)", "DAY", "INT./EXT. CAR (MOVING) - DAY")]
    [InlineData("I/E TRUCK - NIGHT", "INT/EXT", "TRUCK", "NIGHT", "INT./EXT. TRUCK - NIGHT")]
    [InlineData("INT. HOUSE - KITCHEN - EARLY MORNING", "INT", "HOUSE - KITCHEN", "EARLY MORNING", "INT. HOUSE - KITCHEN - EARLY MORNING")]
    [InlineData("INT. HOUSE - KITCHEN", "INT", "HOUSE - KITCHEN", "DUSK", "INT. HOUSE - KITCHEN - DUSK")]
    [InlineData("EXT. STREET - NIGHT (1985)", "EXT", "STREET", "NIGHT", "EXT. STREET - NIGHT")]
    [InlineData("INT. HALL - CONTINUOUS", "INT", "HALL", "DUSK", "INT. HALL - DUSK")]
    [InlineData("INT. HALL - MOMENTS LATER", "INT", "HALL", "DUSK", "INT. HALL - DUSK")]
    [InlineData("SNIPER SCOPE POV", "", "SNIPER SCOPE POV", "DUSK", "SNIPER SCOPE POV - DUSK")]
    [InlineData("INT. X-RAY ROOM - DAY", "INT", "X-RAY ROOM", "DAY", "INT. X-RAY ROOM - DAY")]
    [InlineData("INT. - NIGHT", "INT", "UNSPECIFIED", "NIGHT", "INT. UNSPECIFIED - NIGHT")]
    public void FromHeading_Heading_GivesPlaceAndTime(string heading, string interiorExterior, string location, string time, string name)
    {
        var place = SceneLocation.FromHeading(heading, previousTimeOfDay: "DUSK");
        Assert.Equal(new SceneLocation(interiorExterior, location, time), place);
        Assert.Equal(name, place.Name);
    }

    [Fact]
    public void Analyze_TextBeforeTheFirstHeading_IsASceneOnlyWhenItTellsSomething()
    {
        var withTitleLines = Analyzer.Analyze("THE DROWNED BELL\n\nby Ivo Hart\n\nINT. HUT - DAY\n\nNets.");
        Assert.Equal(["INT. HUT - DAY"], withTitleLines.Scenes.Select(s => s.Title));

        var coldOpen = Analyzer.Analyze("Black screen.\n\nVOICE\nWake up.\n\nINT. HUT - DAY\n\nNets.");
        Assert.Equal(["Black screen", "INT. HUT - DAY"], coldOpen.Scenes.Select(s => s.Title));
        Assert.Equal([1, 2], coldOpen.Scenes.Select(s => s.Number));
    }

    [Fact]
    public void Analyze_LongProse_IsCutIntoAboutSixtyScenesAtParagraphEnds()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("The tide rolls over the grey stones of the bay.", 5)); // 50 words
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 600)); // 30,000 words
        var analysis = Analyzer.Analyze(text);

        // 30,000 / 60 = 500 words a scene, closed at the first paragraph end past it: ten paragraphs each.
        Assert.Equal(60, analysis.Scenes.Count);
        Assert.All(analysis.Scenes, s => Assert.Equal(10, s.Description.Split('\n').Length));
        Assert.Equal(5, analysis.TrailerSceneNumbers.Count);
    }

    [Fact]
    public void Analyze_ShortIdea_IsOneSceneWithAGuessedPlace()
    {
        var analysis = Analyzer.Analyze("At dawn, two kids sneak into an abandoned cinema to watch the last film ever made.");
        var scene = Assert.Single(analysis.Scenes);
        Assert.Equal("ABANDONED CINEMA", scene.Setting);
        Assert.Equal(("INT", "DAWN"), (scene.InteriorExterior, scene.TimeOfDay));
        Assert.Equal("At dawn, two kids sneak into an abandoned cinema to watch…", scene.Title);
        Assert.Equal([1], analysis.TrailerSceneNumbers);
    }

    [Fact]
    public void Analyze_CharacterNamedInActionBeforeSpeaking_AppearsInThatScene()
    {
        var analysis = Analyzer.Analyze(
            "INT. HALL - DAY\n\nMAYA waits. Officer Reyes's radio crackles.\n\nINT. OFFICE - DAY\n\nOFFICER REYES\nNext.\n\nMAYA\nMe.");
        Assert.Equal(["MAYA", "OFFICER REYES"], analysis.Scenes[0].Characters);
        Assert.Equal(["OFFICER REYES", "MAYA"], analysis.Scenes[1].Characters);
        Assert.Equal(["MAYA", "OFFICER REYES"], analysis.Characters.Select(c => c.Name));
        Assert.Equal("MAYA waits.", analysis.Characters[0].Description);
    }

    [Fact]
    public void Analyze_LowercaseWord_IsNotAMention()
    {
        var analysis = Analyzer.Analyze("INT. BAR - NIGHT\n\nA man drinks alone.\n\nMAN\nAnother.\n\nINT. STREET - NIGHT\n\nThe man walks home.");
        Assert.Equal(["MAN"], analysis.Scenes[0].Characters);
        Assert.Empty(analysis.Scenes[1].Characters);
    }

    [Fact]
    public void Analyze_SameCharacterSpelledDifferently_IsOneCharacter()
    {
        var analysis = Analyzer.Analyze("INT. A - DAY\n\nNINA\nHi.\n\n@Nina\nHi again.\n\nNINA (V.O.)\nBye.");
        var nina = Assert.Single(analysis.Characters);
        Assert.Equal(("NINA", 3), (nina.Name, nina.LineCount));
        Assert.All(analysis.Scenes[0].Dialogue, l => Assert.Equal("NINA", l.Character));
    }

    [Fact]
    public void Analyze_ProseWithoutCues_FindsItsNamedPeopleButNotPlaces()
    {
        var analysis = Analyzer.Analyze(
            "Tomas meets a girl called Ivy in Paris. They walk through Paris at night.\n\n"
            + "Later Tomas loses her. Ivy waits by the river. Tuesday comes and goes.");
        Assert.Equal(["TOMAS", "IVY"], analysis.Characters.Select(c => c.Name));
        Assert.Equal("Tomas meets a girl called Ivy in Paris. They walk through Paris at night.", analysis.Characters[0].Description);
        Assert.Equal("Ivy, a girl.", analysis.Characters[1].VisualDescription);
        Assert.All(analysis.Characters, c => Assert.Equal(0, c.LineCount));
    }

    [Fact]
    public void Analyze_ScriptWithCues_DoesNotLookForNamesInProse()
    {
        var analysis = Analyzer.Analyze("INT. CAFE - DAY\n\nA girl called Ivy reads.\n\nWAITER\nMore coffee?");
        Assert.Equal(["WAITER"], analysis.Characters.Select(c => c.Name));
    }

    [Fact]
    public void Analyze_ParallelCalls_GiveTheSameAnalysis()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "19-trailer-picks.fountain"));
        var expected = AnalysisReport.Render(Analyzer.Analyze(script));
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = AnalysisReport.Render(Analyzer.Analyze(script)));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
