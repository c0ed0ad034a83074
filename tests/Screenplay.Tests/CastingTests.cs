namespace MoviePipeline.Screenplay.Tests;

/// <summary>
/// The cast as a writer means it (Corpus/21-casting.fountain): who each character is, who is seen, heard or only
/// talked of in each scene, joint cues, camera directions with a colon, places, times of day and a title card.
/// </summary>
public sealed class CastingTests
{
    private static readonly ScriptAnalysis Analysis = new FountainScriptAnalyzer().Analyze(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "21-casting.fountain")));

    private static AnalyzedScene Scene(int number) => Analysis.Scenes.Single(s => s.Number == number);

    private static CharacterTraits Traits(string name) => Analysis.Characters.Single(c => c.Name == name).Traits!;

    [Theory]
    [InlineData("BRICK", Gender.Male, 45)]       // BRICK (40s); his wife
    [InlineData("MAGGIE", Gender.Female, 38)]    // His wife, MAGGIE (late 30s)
    [InlineData("EDWARD", Gender.Male, 25)]      // EDWARD (20s)
    [InlineData("LILY", Gender.Female, 7)]       // Little LILY, a seven-year-old. She reaches...
    public void Traits_StatedOrImplied_AreRead(string name, Gender gender, int age)
    {
        var traits = Traits(name);
        Assert.Equal((CharacterKind.Person, gender, age), (traits.Kind, traits.Gender, traits.Age));
    }

    [Fact]
    public void Traits_DevicesAreThings_AndAVoiceIsNobodyInParticular()
    {
        Assert.Equal(CharacterKind.Thing, Traits("MESSAGE MACHINE").Kind);
        Assert.Equal(CharacterKind.Thing, Traits("INTERCOM").Kind);
        Assert.Equal((CharacterKind.Person, Gender.Unknown), (Traits("VOICE").Kind, Traits("VOICE").Gender));
        Assert.True(Traits("LILY").IsChild);
    }

    [Fact]
    public void ActionWithAColon_IsNeverSpoken()
    {
        Assert.DoesNotContain(Analysis.Characters, c => c.Name.Contains("SHOT", StringComparison.Ordinal));
        Assert.DoesNotContain(Analysis.Scenes.SelectMany(s => s.Dialogue), l => l.Text.Contains("victory", StringComparison.Ordinal));
        Assert.Contains("SINGLE SHOTS: Football hero Edward leads his team to victory.", Scene(5).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Presence_SeenHeardAndMentioned_AreKeptApart()
    {
        // A photo of EDWARD: talked of, not there.
        Assert.Equal(["BRICK", "MAGGIE"], Scene(2).Presence!.Present);
        Assert.Equal(["EDWARD"], Scene(2).Presence!.Mentioned);

        // A message machine and a voice-over are heard, not seen.
        Assert.Equal(["MAGGIE", "BRICK"], Scene(3).Presence!.Present);
        Assert.Equal(["MESSAGE MACHINE", "EDWARD"], Scene(3).Presence!.HeardOnly);

        // (O.S.) is heard; a phone voice is heard; a VOICE is heard.
        Assert.Equal(["MAGGIE"], Scene(4).Presence!.HeardOnly);
        Assert.Equal(["EDWARD"], Scene(6).Presence!.HeardOnly);
        Assert.Equal(LineSource.Device, Scene(6).Dialogue[0].Source);
        Assert.Equal(["WILL"], Scene(7).Presence!.Present);
        Assert.Equal(["VOICE"], Scene(7).Presence!.HeardOnly);
        Assert.All(Analysis.Scenes, s => Assert.Equal(s.Presence!.Present.Concat(s.Presence.HeardOnly), s.Characters));
    }

    [Fact]
    public void JointCues_SpeakAsTheirCharacters_NotAsNewOnes()
    {
        var together = Scene(4).Dialogue.Single(l => l.Character == "LILY AND BRICK");
        Assert.Equal(["LILY", "BRICK"], together.Speakers);
        var both = Scene(5).Dialogue.Single(l => l.Character == "BOTH");
        Assert.Equal(["EDWARD", "WILL"], both.Speakers);
        Assert.DoesNotContain(Analysis.Characters, c => c.Name is "LILY AND BRICK" or "BOTH");
    }

    [Fact]
    public void Descriptions_ComeFromTheScript_NeverAPlaceholder()
    {
        Assert.Equal("EDWARD (20s), tall and bruised, jogs the empty field.", Analysis.Characters.Single(c => c.Name == "EDWARD").Description);
        Assert.Equal("Intercom, a device that speaks, is first heard through its speaker in scene 5: “Field closes in five minutes.”",
            Analysis.Characters.Single(c => c.Name == "INTERCOM").Description);
        Assert.All(Analysis.Characters, c => Assert.DoesNotContain("first appears in scene", c.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_ArePlaces_OnePerLocation()
    {
        Assert.Equal(["BRICK'S HOUSE - PATIO", "BRICK'S HOUSE - KITCHEN", "FOOTBALL FIELD"], Analysis.Settings.Select(s => s.Name));
        var kitchen = Analysis.Settings[1];
        Assert.Equal((3, "INT", "NIGHT"), (kitchen.SceneCount, kitchen.InteriorExterior, kitchen.TimeOfDay));
        Assert.Equal("The kettle ticks as it cools.", kitchen.Description);
        Assert.Equal("DAY, MAGIC HOUR", Analysis.Settings[2].TimeOfDay);
    }

    [Fact]
    public void HeadingWithoutTime_KeepsTheTimeBefore_AndTitlesAreACard()
    {
        Assert.Equal(("INT", "NIGHT"), (Scene(3).InteriorExterior, Scene(3).TimeOfDay));
        Assert.Equal("BRICK & STEEL", Scene(1).TitleCard);
        Assert.Equal("", Scene(1).Setting);
        Assert.All(Analysis.Scenes.Skip(1), s => Assert.Null(s.TitleCard));
    }

    [Fact]
    public void ProseWithoutDialogue_IsNarrated_AndLastsAsLongAsItsReading()
    {
        var prose = new FountainScriptAnalyzer().Analyze(
            "The Lantern Keeper\n\nIn a small village by the sea, an old woman named Ada keeps the only lantern that still works. "
            + "Every night she climbs the hill and hangs it from the dead oak, so the boats can find their way home.");
        var scene = Assert.Single(prose.Scenes);
        Assert.Equal(scene.Description, scene.Narration);
        Assert.Equal(SceneDurationEstimator.Estimate(0, PlainTextWords(scene.Description), 1), scene.DurationSeconds);
        Assert.Equal((Gender.Female, 72), (prose.Characters[0].Traits!.Gender, prose.Characters[0].Traits!.Age));
        Assert.Null(Analysis.Scenes[1].Narration);
    }

    private static int PlainTextWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>The rules of reading who a character is, one sentence of the kind each time (from a feature's action).</summary>
public sealed class CastTraitRuleTests
{
    private static CharacterTraits TraitsOf(string script, string name) =>
        new FountainScriptAnalyzer().Analyze(script).Characters.Single(c => c.Name == name).Traits!;

    private static string Scene(string action, params string[] speakers) =>
        "INT. HOUSE - DAY\n\n" + action + "\n\n" + string.Concat(speakers.Select(s => s + "\nHello.\n\n"));

    [Theory]
    [InlineData("A forty-year old man named BEAMEN comes out of the store.", "BEAMEN", Gender.Male, 40)]
    [InlineData("Red-headed ZACKY PRICE is 10. He grins.", "ZACKY", Gender.Male, 10)]
    [InlineData("RUTHIE MACKLIN, 8, is happy just to be there. She claps.", "RUTHIE", Gender.Female, 8)]
    [InlineData("WILL BLOOM, AGE 3, listens. Later, WILL, now 28, sits with his bride.", "WILL", Gender.Male, 28)]
    [InlineData("EDWARD BLOOM, 40's and handsome, tells a story. He laughs.", "EDWARD", Gender.Male, 45)]
    public void Ages_AsScreenplaysWriteThem(string action, string name, Gender gender, int age)
    {
        var traits = TraitsOf(Scene(action, name), name);
        Assert.Equal((gender, age), (traits.Gender, traits.Age));
    }

    [Fact]
    public void Pronouns_AboutSomeoneElse_DoNotCount()
    {
        // "He" before her name, "him" after it, and a clause about somebody's son: none of it makes her a man.
        var script = Scene("JOSEPHINE waits. He plays it up for Josephine. Josephine kisses him. Josephine sits, watching his SON play. "
            + "Josephine takes off her coat.", "JOSEPHINE", "SON");
        Assert.Equal(Gender.Female, TraitsOf(script, "JOSEPHINE").Gender);
    }

    [Theory]
    [InlineData("BRICK and STEEL get into Mom's PORSCHE, Steel at the wheel.", "STEEL")]       // Mom's car, not Steel's gender
    [InlineData("This is the home of THE BOY BAND, AKA ZED and JACK.", "ZED")]                  // a band, not a boy
    [InlineData("Young BENNETT stands between the Wife's legs. She's flustered and sweating.", "BENNETT")] // "she" is the wife
    public void WordsAboutSomethingElse_SayNothingOfTheCharacter(string action, string name)
    {
        var traits = TraitsOf(Scene(action, name), name);
        Assert.Equal((Gender.Unknown, (int?)null), (traits.Gender, traits.Age));
    }

    [Fact]
    public void YoungerSelf_IsTheSamePerson()
    {
        var script = Scene("EDWARD (40s) fishes. He smiles.", "EDWARD") + "EXT. FIELD - DAY\n\nA boy runs.\n\nYOUNG EDWARD\nWait!\n";
        Assert.Equal(Gender.Male, TraitsOf(script, "YOUNG EDWARD").Gender);
    }

    [Theory]
    [InlineData("EXT. BLOOM BACK YARD - NIGHT [CONTINUOUS]", "BLOOM BACK YARD", "NIGHT")]
    [InlineData("INT. HALF-DARK PARIS APARTMENT - (PRESENT) DAY", "HALF-DARK PARIS APARTMENT", "DAY")]
    [InlineData("INT. WILL'S BEDROOM - DAY [FLASHBACK]", "WILL'S BEDROOM", "DAY")]
    public void Headings_WithBracketedNotes_AreStillOnePlace(string heading, string place, string time)
    {
        var location = SceneLocation.FromHeading(heading, "");
        Assert.Equal((place, time), (location.Location, location.TimeOfDay));
    }
}
