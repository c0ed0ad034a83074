namespace MoviePipeline.Screenplay.Tests;

/// <summary>
/// Each script under Corpus/ is analyzed and compared, whole, with the analysis written by hand in the
/// <c>.expected</c> file beside it. On a difference the actual analysis is written next to the copy
/// in the test output folder (<c>.actual</c>) to compare with a diff tool.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Scripts() => new(ScriptNames());

    private static List<string> ScriptNames() =>
        Directory.EnumerateFiles(CorpusDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f[0] != '.' && !f.EndsWith(".expected", StringComparison.Ordinal) && !f.EndsWith(".actual", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Analyze_CorpusScript_MatchesExpectedAnalysis(string script)
    {
        var path = Path.Combine(CorpusDirectory, script);
        // GetString keeps a byte order mark, so the parser sees the file exactly as pasted.
        var text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
        var actual = AnalysisReport.Render(new FountainScriptAnalyzer().Analyze(text));
        var expectedPath = path + ".expected";
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : "";
        if (actual != expected)
        {
            File.WriteAllText(path + ".actual", actual);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Corpus_EveryScript_HasExpectedAnalysis()
    {
        var scripts = ScriptNames();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.True(File.Exists(Path.Combine(CorpusDirectory, s + ".expected")), $"{s} has no .expected file"));
    }
}
