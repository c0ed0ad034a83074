using System.Text;

namespace MoviePipeline.Screenplay.Tests;

/// <summary>
/// Inputs built to defeat a naive parser: megabytes on one line, thousands of openers without closers,
/// deep nesting. Each must finish; the deadline is far above the expected time (well under a second
/// in Release) and only catches a parser that went quadratic or never ends. Speed is measured by the
/// benchmark program, not here.
/// </summary>
public sealed class LargeInputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Inputs() => new(
        "5 MB single line of prose",
        "5 MB single line of capitals",
        "1 MB of unclosed note openers",
        "1 MB of unclosed boneyard openers",
        "deeply nested notes, closed once",
        "unclosed note over 100,000 lines",
        "1 MB of emphasis openers",
        "100,000 cues without scenes",
        "100,000 one-line scenes",
        "a 2 MB heading");

    private static string Build(string name) => name switch
    {
        "5 MB single line of prose" => Repeat("the wind moves over Sarah and the old house. ", 5_000_000),
        "5 MB single line of capitals" => Repeat("INT. SARAH RUNS! ", 5_000_000),
        "1 MB of unclosed note openers" => Repeat("[[", 1_000_000),
        "1 MB of unclosed boneyard openers" => Repeat("/*", 1_000_000),
        "deeply nested notes, closed once" => Repeat("[[", 500_000) + "note" + "]]",
        "unclosed note over 100,000 lines" => "[[" + Repeat("a line of a note\n", 1_700_000),
        "1 MB of emphasis openers" => Repeat("*a _b ", 1_000_000),
        "100,000 cues without scenes" => Repeat("\nSARAH (V.O.)\nHi, Sarah.\n", 2_000_000),
        "100,000 one-line scenes" => Repeat("\nINT. ROOM - DAY\n\nSarah sits.\n", 2_800_000),
        "a 2 MB heading" => "\nINT. " + Repeat("HOUSE - ", 2_000_000) + "NIGHT\n\nDark.",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Analyze_HugeOrPathologicalInput_EndsWithAValidAnalysis(string input)
    {
        var script = Build(input);

        // WaitAsync throws TimeoutException at the deadline, failing the test instead of hanging it.
        var analysis = await Task.Run(() => new FountainScriptAnalyzer().Analyze(script)).WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(1, analysis.Scenes.Count), analysis.Scenes.Select(s => s.Number));
        Assert.All(analysis.Scenes, s => Assert.Contains(analysis.Settings, setting => setting.Name == s.Setting));
    }

    [Fact]
    public void Analyze_FiveMegabyteLine_IsOneSceneHoldingAllTheText()
    {
        var script = Repeat("the wind moves through the old house. ", 5_000_000);
        var analysis = new FountainScriptAnalyzer().Analyze(script);
        var scene = Assert.Single(analysis.Scenes);
        Assert.Equal(script.Trim(), scene.Description);
        Assert.Equal("the wind moves through the old house", scene.Title);
        Assert.Equal("OLD HOUSE", scene.Setting);
    }

    [Fact]
    public void Parse_DeeplyNestedNote_IsOneNoteUpToTheFirstCloser()
    {
        var openers = Repeat("[[", 400_000);
        var document = FountainParser.Parse(openers + "x]] after");
        Assert.Equal((FountainElementKind.Action, " after"), (document.Elements.Single().Kind, document.Elements.Single().Text));
        Assert.Equal(openers[2..] + "x", Assert.Single(document.Notes));
    }

    /// <summary><paramref name="piece"/> repeated up to at least <paramref name="length"/> characters.</summary>
    private static string Repeat(string piece, int length)
    {
        var sb = new StringBuilder(length + piece.Length);
        while (sb.Length < length)
        {
            sb.Append(piece);
        }

        return sb.ToString();
    }
}
