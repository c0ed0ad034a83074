namespace MoviePipeline.Screenplay.Tests;

/// <summary>The document model, element by element, against the Fountain 1.1 rules and our leniencies.</summary>
public sealed class FountainParserTests
{
    private static List<(FountainElementKind Kind, string Text)> Elements(string script) =>
        FountainParser.Parse(script).Elements.Select(e => (e.Kind, e.Text)).ToList();

    private static FountainElement Single(string script, FountainElementKind kind) =>
        Assert.Single(FountainParser.Parse(script).Elements, e => e.Kind == kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_NullOrEmpty_ReturnsEmptyDocument(string? script)
    {
        var document = FountainParser.Parse(script);
        Assert.Empty(document.TitlePage);
        Assert.Empty(document.Elements);
        Assert.Empty(document.Notes);
    }

    [Fact]
    public void Parse_TitlePage_ReadsKeysAndIndentedContinuationLines()
    {
        var document = FountainParser.Parse("Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\nAuthor: Stu\nDraft date: 1/20/2012\n\nEXT. BRICK'S PATIO - DAY\n\nA gorgeous day.");
        Assert.Equal(
            [
                new FountainTitleEntry("Title", "_**BRICK & STEEL**_\n_**FULL RETIRED**_"),
                new FountainTitleEntry("Credit", "Written by"),
                new FountainTitleEntry("Author", "Stu"),
                new FountainTitleEntry("Draft date", "1/20/2012"),
            ],
            document.TitlePage);
        Assert.Equal("_**BRICK & STEEL**_\n_**FULL RETIRED**_", document.TitleValue("title"));
        Assert.Equal(
            [(FountainElementKind.SceneHeading, "EXT. BRICK'S PATIO - DAY"), (FountainElementKind.Action, "A gorgeous day.")],
            document.Elements.Select(e => (e.Kind, e.Text)));
    }

    [Theory]
    [InlineData("Logline: A dog learns to fly.\n\nIt flies.")]
    [InlineData("Title: Dogs\nThis line is not a key.\n\nIt flies.")]
    public void Parse_FirstParagraphNotAllTitleKeys_IsNotATitlePage(string script)
    {
        var document = FountainParser.Parse(script);
        Assert.Empty(document.TitlePage);
        Assert.Equal(FountainElementKind.Action, document.Elements[0].Kind);
        Assert.Equal(2, document.Elements.Count);
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY")]
    [InlineData("EXT. HOUSE - DAY")]
    [InlineData("EST. HOUSE - DAY")]
    [InlineData("INT./EXT. HOUSE - DAY")]
    [InlineData("INT/EXT HOUSE - DAY")]
    [InlineData("I/E HOUSE - DAY")]
    [InlineData("int. house - day")]
    [InlineData("Ext house - day")]
    public void Parse_HeadingPrefixBetweenBlankLines_IsSceneHeading(string heading)
    {
        Assert.Equal([(FountainElementKind.SceneHeading, heading), (FountainElementKind.Action, "Rain.")], Elements($"\n{heading}\n\nRain."));
    }

    [Theory]
    [InlineData("Interior design is hard.")]
    [InlineData("Extra! Extra!")]
    [InlineData("Estimated time: soon.")]
    [InlineData("int. without a blank line after\nmore action")]
    public void Parse_WordsThatOnlyStartLikeHeadings_AreAction(string line)
    {
        Assert.All(FountainParser.Parse(line).Elements, e => Assert.Equal(FountainElementKind.Action, e.Kind));
    }

    [Fact]
    public void Parse_CapitalHeadingWithoutBlankLines_IsStillAHeading()
    {
        Assert.Equal(
            [
                (FountainElementKind.Action, "She leaves."),
                (FountainElementKind.SceneHeading, "EXT. STREET - NIGHT"),
                (FountainElementKind.Action, "Rain."),
            ],
            Elements("She leaves.\nEXT. STREET - NIGHT\nRain."));
    }

    [Fact]
    public void Parse_CueRightAfterACapitalHeading_IsStillACue()
    {
        Assert.Equal(
            [(FountainElementKind.SceneHeading, "INT. HUT - DAY"), (FountainElementKind.Character, "MARTA"), (FountainElementKind.Dialogue, "Bells.")],
            Elements("INT. HUT - DAY\nMARTA\nBells."));
    }

    [Fact]
    public void Parse_ForcedHeading_NeedsALetterOrDigitAfterTheDot()
    {
        var heading = Single("\n.SNIPER SCOPE POV\n\n...and then nothing.", FountainElementKind.SceneHeading);
        Assert.Equal("SNIPER SCOPE POV", heading.Text);
        Assert.True(heading.IsForced);
        Assert.Equal([(FountainElementKind.Action, "...and then nothing.")], Elements("...and then nothing."));
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY #1#", "INT. HOUSE - DAY", "1")]
    [InlineData("INT. HOUSE - DAY #1A#", "INT. HOUSE - DAY", "1A")]
    [InlineData("INT. HOUSE - DAY #I-1-A#", "INT. HOUSE - DAY", "I-1-A")]
    [InlineData("INT. HOUSE - DAY #110A.1#", "INT. HOUSE - DAY", "110A.1")]
    [InlineData("INT. HOUSE #2 - DAY", "INT. HOUSE #2 - DAY", null)]
    [InlineData("12 INT. HOUSE - DAY 12", "INT. HOUSE - DAY", "12")]
    [InlineData("12A. INT. HOUSE - DAY", "INT. HOUSE - DAY", "12A")]
    public void Parse_SceneNumber_IsSplitFromTheHeading(string line, string heading, string? number)
    {
        var element = Single($"{line}\n\nAction.", FountainElementKind.SceneHeading);
        Assert.Equal(heading, element.Text);
        Assert.Equal(number, element.SceneNumber);
    }

    [Fact]
    public void Parse_ActionLines_MergeIntoOneParagraphAndKeepIndentation()
    {
        Assert.Equal(
            [(FountainElementKind.Action, "One.\n    Two, indented."), (FountainElementKind.Action, "Three.")],
            Elements("One.\n    Two, indented.\n\nThree."));
    }

    [Fact]
    public void Parse_ForcedAction_KeepsACapitalLineAsAction()
    {
        var action = Single("\n!SCANNING THE AISLES...\nWhere is that pit boss?", FountainElementKind.Action);
        Assert.Equal("SCANNING THE AISLES...\nWhere is that pit boss?", action.Text);
        Assert.True(action.IsForced);
    }

    [Fact]
    public void Parse_CharacterCue_ReadsNameExtensionAndDialogue()
    {
        var elements = FountainParser.Parse("\nMOM (O.S.) (CONT'D)\nLuke! Come down!").Elements;
        var cue = elements[0];
        Assert.Equal((FountainElementKind.Character, "MOM"), (cue.Kind, cue.Text));
        Assert.Equal("(O.S.) (CONT'D)", cue.CharacterExtension);
        Assert.Equal((FountainElementKind.Dialogue, "Luke! Come down!", "MOM"), (elements[1].Kind, elements[1].Text, elements[1].Speaker));
        Assert.Equal(2, elements.Count);
    }

    [Theory]
    [InlineData("R2D2\nBeep.", "R2D2")]
    [InlineData("HANS (on the radio)\nCome in.", "HANS")]
    [InlineData("    STEEL\n        Hi.", "STEEL")]
    public void Parse_CapitalLineBeforeText_IsACue(string script, string name)
    {
        Assert.Equal((FountainElementKind.Character, name), Elements(script)[0]);
    }

    [Theory]
    [InlineData("THE DOOR OPENS.\n\nShe enters.")]
    [InlineData("CHAPTER ONE\nIt was dark.")]
    [InlineData("FADE IN:\nA field.")]
    [InlineData("123\nNumbers.")]
    [InlineData("Sarah\nHello.")]
    public void Parse_LinesThatAreNotCues_AreAction(string script)
    {
        Assert.DoesNotContain(FountainParser.Parse(script).Elements, e => e.Kind == FountainElementKind.Character);
    }

    [Fact]
    public void Parse_ForcedCharacter_AllowsLowercase()
    {
        Assert.Equal([(FountainElementKind.Character, "McCLANE"), (FountainElementKind.Dialogue, "Yippee ki-yay!")], Elements("@McCLANE\nYippee ki-yay!"));
    }

    [Fact]
    public void Parse_DualDialogue_MarksBothCues()
    {
        var cues = FountainParser.Parse("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n\nBRICK\nAgain.").Elements
            .Where(e => e.Kind == FountainElementKind.Character).ToList();
        Assert.Equal([("BRICK", true), ("STEEL", true), ("BRICK", false)], cues.Select(c => (c.Text, c.IsDualDialogue)));
    }

    [Fact]
    public void Parse_Parentheticals_SplitTheDialogue()
    {
        Assert.Equal(
            [
                (FountainElementKind.Character, "STEEL"),
                (FountainElementKind.Parenthetical, "starting the engine"),
                (FountainElementKind.Dialogue, "So much for retirement!"),
                (FountainElementKind.Parenthetical, "beat"),
                (FountainElementKind.Dialogue, "Go."),
            ],
            Elements("STEEL\n(starting the engine)\nSo much for retirement!\n(beat)\nGo."));
    }

    [Fact]
    public void Parse_TwoSpaceLine_KeepsTheDialogueGoing()
    {
        Assert.Equal(
            [(FountainElementKind.Character, "DEALER"), (FountainElementKind.Dialogue, "Ten.\nFour.\n\nDealer gets twenty.")],
            Elements("DEALER\nTen.\nFour.\n  \nDealer gets twenty."));
    }

    [Fact]
    public void Parse_Transition_NeedsBlankLinesCapitalsAndTO()
    {
        Assert.Equal(
            [(FountainElementKind.Action, "Jack begins."), (FountainElementKind.Transition, "CUT TO:"), (FountainElementKind.SceneHeading, "EXT. ROAD - DAY")],
            Elements("Jack begins.\n\nCUT TO:\n\nEXT. ROAD - DAY"));
        Assert.DoesNotContain(FountainParser.Parse("Jack begins.\n\nCut to:\n\nMore.").Elements, e => e.Kind == FountainElementKind.Transition);
    }

    [Fact]
    public void Parse_GreaterThan_ForcesATransitionOrCentersText()
    {
        var document = FountainParser.Parse("\n> Burn to White.\n\n>THE END<\n\n> INTERMISSION <");
        Assert.Equal(
            [(FountainElementKind.Transition, "Burn to White.", true), (FountainElementKind.CenteredText, "THE END", false), (FountainElementKind.CenteredText, "INTERMISSION", false)],
            document.Elements.Select(e => (e.Kind, e.Text, e.IsForced)));
    }

    [Fact]
    public void Parse_Lyrics_AreTheirOwnElementInsideAndOutsideDialogue()
    {
        var elements = FountainParser.Parse("MILO\n~Willy Wonka!\n~The chocolatier!\n\n~Outside.").Elements;
        Assert.Equal(
            [(FountainElementKind.Character, "MILO", null), (FountainElementKind.Lyrics, "Willy Wonka!\nThe chocolatier!", "MILO"), (FountainElementKind.Lyrics, "Outside.", null)],
            elements.Select(e => (e.Kind, e.Text, e.Speaker)));
    }

    [Fact]
    public void Parse_PageBreakSectionsAndSynopses()
    {
        var elements = FountainParser.Parse("# Act\n\n## Sequence\n\n= Set up the hero.\n\n===\n\n====\n\nAction.").Elements;
        Assert.Equal(
            [
                (FountainElementKind.Section, "Act", 1),
                (FountainElementKind.Section, "Sequence", 2),
                (FountainElementKind.Synopsis, "Set up the hero.", 0),
                (FountainElementKind.PageBreak, "", 0),
                (FountainElementKind.PageBreak, "", 0),
                (FountainElementKind.Action, "Action.", 0),
            ],
            elements.Select(e => (e.Kind, e.Text, e.SectionDepth)));
    }

    [Fact]
    public void Parse_Notes_AreRemovedFromTheTextAndKept()
    {
        var document = FountainParser.Parse("DAN and JACK[[Or real names?]] drink.\n[[A note\nover two lines.]]\nThey count the money.\n\nDAN\n[[whisper]]\nHi.");
        Assert.Equal(
            [(FountainElementKind.Action, "DAN and JACK drink.\nThey count the money."), (FountainElementKind.Character, "DAN"), (FountainElementKind.Dialogue, "Hi.")],
            document.Elements.Select(e => (e.Kind, e.Text)));
        Assert.Equal(["Or real names?", "A note\nover two lines.", "whisper"], document.Notes);
    }

    [Theory]
    [InlineData("A [[note\n\nover an empty line]] stays.", "A [[note")]
    [InlineData("Never [[ closed.", "Never [[ closed.")]
    [InlineData("Never /* closed.", "Never /* closed.")]
    public void Parse_NoteOrBoneyardWithoutItsEnd_IsText(string script, string firstAction)
    {
        var document = FountainParser.Parse(script);
        Assert.Equal(firstAction, document.Elements[0].Text);
        Assert.Empty(document.Notes);
    }

    [Fact]
    public void Parse_Boneyard_RemovesTextAcrossLinesAndParagraphs()
    {
        Assert.Equal(
            [(FountainElementKind.Action, "Kept. Also kept."), (FountainElementKind.SceneHeading, "INT. KEPT - DAY")],
            Elements("Kept. /* gone */Also kept.\n/*\nINT. GONE - DAY\n\nGONE\nGone.\n*/\n\nINT. KEPT - DAY"));
    }

    [Fact]
    public void Parse_CrLfTabsAndBom_AreNormalized()
    {
        var document = FountainParser.Parse("\uFEFFTitle: T\r\n\r\nINT. ROOM - DAY\r\n\r\n\tTabbed.\rOld Mac.\r\n");
        Assert.Equal("T", document.TitleValue("Title"));
        Assert.Equal([(FountainElementKind.SceneHeading, "INT. ROOM - DAY"), (FountainElementKind.Action, "    Tabbed.\nOld Mac.")], document.Elements.Select(e => (e.Kind, e.Text)));
    }

    [Fact]
    public void Parse_NameColonText_IsACueWithItsDialogueButScreenDirectionsAreNot()
    {
        Assert.Equal(
            [
                (FountainElementKind.Character, "LENA"),
                (FountainElementKind.Dialogue, "You came."),
                (FountainElementKind.Character, "OMAR"),
                (FountainElementKind.Parenthetical, "quietly"),
                (FountainElementKind.Dialogue, "I did."),
                (FountainElementKind.Action, "SUPER: Ten years earlier."),
            ],
            Elements("LENA: You came.\nOMAR (quietly): I did.\nSUPER: Ten years earlier."));
    }

    [Fact]
    public void Parse_DialogueRunningIntoACapitalHeading_EndsAtTheHeading()
    {
        Assert.Equal(
            [(FountainElementKind.Character, "JO"), (FountainElementKind.Dialogue, "Bye."), (FountainElementKind.SceneHeading, "EXT. YARD - DAY")],
            Elements("JO\nBye.\nEXT. YARD - DAY"));
    }

    [Theory]
    [InlineData("*italic*", "italic")]
    [InlineData("**bold**", "bold")]
    [InlineData("***bold italic***", "bold italic")]
    [InlineData("_underline_", "underline")]
    [InlineData("From _**mixed**_ here", "From mixed here")]
    [InlineData("5 * 3 * 2", "5 * 3 * 2")]
    [InlineData("snake_case_name", "snake_case_name")]
    [InlineData("\\*literal\\*", "*literal*")]
    [InlineData("*not across\nlines*", "*not across\nlines*")]
    [InlineData("unpaired *star", "unpaired *star")]
    public void StripEmphasis_RemovesPairedMarkersOnly(string text, string plain)
    {
        Assert.Equal(plain, FountainText.StripEmphasis(text));
    }
}
