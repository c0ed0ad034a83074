using System.Text;
using System.Text.Json;
using CsCheck;

namespace MoviePipeline.Screenplay.Tests;

/// <summary>
/// Whatever the input, the analyzer returns, never throws, keeps its own invariants and gives the
/// same answer twice. Random inputs come from CsCheck; a failure prints the seed to replay it.
/// </summary>
public sealed class PropertyTests
{
    private static readonly FountainScriptAnalyzer Analyzer = new();

    // Pieces of Fountain syntax, glued at random, reach the parser's corners far more often than random characters.
    private static readonly Gen<string> ScreenplayFragments = Gen.OneOf(
            "INT. ", "EXT. ", "EST ", "I/E ", "INT./EXT. ", "int. ", ".", "..", "...", "!", "@", "~", ">", "<", "#", "##", "=", "===",
            "[[", "]]", "/*", "*/", "*", "**", "_", "\\", "^", "(", ")", ":", " - ", "#1A#", "TO:", "CUT TO:",
            "SARAH", "DR. NO", "(V.O.)", "(CONT'D)", "hello", "Sarah", "kitchen", "NIGHT", "DAY", "CONTINUOUS",
            "\n", "\n", "\n", "\n\n", "\r\n", "\r", "\t", "  ", " ", "\uFEFF", "\0", "é", "\uD800", "😀", "ǅ", "İ")
        .Array[0, 300]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void Analyze_ScreenplayFragments_NeverThrowsAndKeepsInvariants()
    {
        ScreenplayFragments.Sample(AssertInvariants, iter: 3000);
    }

    [Fact]
    public void Analyze_RandomCharacters_NeverThrowsAndKeepsInvariants()
    {
        Gen.String[0, 3000].Sample(AssertInvariants, iter: 500);
    }

    [Fact]
    public void Analyze_RandomBytes_NeverThrowsAndKeepsInvariants()
    {
        // Binary pasted as text, decoded both ways a gateway might.
        Gen.Byte.Array[0, 4000].Sample(bytes =>
        {
            AssertInvariants(Encoding.UTF8.GetString(bytes));
            AssertInvariants(Encoding.Latin1.GetString(bytes));
        }, iter: 300);
    }

    [Fact]
    public void Analyze_SameInput_GivesTheSameOutput()
    {
        ScreenplayFragments.Sample(script =>
        {
            var first = JsonSerializer.Serialize(Analyzer.Analyze(script));
            var second = JsonSerializer.Serialize(new FountainScriptAnalyzer().Analyze(script));
            Assert.Equal(first, second);
        }, iter: 500);
    }

    [Fact]
    public void Parse_SameInput_GivesTheSameDocument()
    {
        ScreenplayFragments.Sample(script =>
        {
            var first = FountainParser.Parse(script);
            var second = FountainParser.Parse(script);
            Assert.Equal(first.Elements, second.Elements);
            Assert.Equal(first.TitlePage, second.TitlePage);
            Assert.Equal(first.Notes, second.Notes);
        }, iter: 500);
    }

    /// <summary>What every analysis must satisfy, whatever the script.</summary>
    internal static void AssertInvariants(string script)
    {
        var analysis = Analyzer.Analyze(script);
        Assert.NotNull(analysis.Title);
        Assert.Equal(Enumerable.Range(1, analysis.Scenes.Count), analysis.Scenes.Select(s => s.Number));

        var settings = analysis.Settings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(analysis.Settings.Count, settings.Count);
        var characters = analysis.Characters.Select(c => c.Name).ToList();
        Assert.Equal(characters.Count, characters.Distinct(StringComparer.Ordinal).Count());

        foreach (var scene in analysis.Scenes)
        {
            Assert.False(string.IsNullOrWhiteSpace(scene.Title));
            // Every scene is at one of the places, but a title card, which is nowhere.
            Assert.True(scene.TitleCard is not null ? scene.Setting.Length == 0 : settings.Contains(scene.Setting));
            Assert.True(scene.DurationSeconds >= SceneDurationEstimator.MinimumSceneSeconds);
            Assert.Equal(Math.Round(scene.DurationSeconds), scene.DurationSeconds);
            Assert.Equal(scene.Characters.Count, scene.Characters.Distinct(StringComparer.Ordinal).Count());
            Assert.All(scene.Characters, c => Assert.Contains(c, characters));
            Assert.All(scene.Dialogue, l => Assert.All(l.Speakers ?? [l.Character], speaker => Assert.Contains(speaker, scene.Characters)));
        }

        // Every character appears somewhere, and their line count is their number of dialogue lines.
        foreach (var character in analysis.Characters)
        {
            Assert.Contains(analysis.Scenes, s => s.Characters.Contains(character.Name));
            Assert.Equal(analysis.Scenes.Sum(s => s.Dialogue.Count(l => l.Character == character.Name)), character.LineCount);
            Assert.False(string.IsNullOrWhiteSpace(character.Description));
            Assert.False(string.IsNullOrWhiteSpace(character.VisualDescription));
        }

        Assert.All(analysis.Settings, s => Assert.Contains(analysis.Scenes, scene => scene.Setting == s.Name));

        var trailer = analysis.TrailerSceneNumbers;
        var expectedCount = analysis.Scenes.Count <= 3 ? analysis.Scenes.Count : Math.Clamp((analysis.Scenes.Count + 3) / 4, 3, 5);
        Assert.Equal(expectedCount, trailer.Count);
        Assert.Equal(trailer.Order().Distinct(), trailer);
        Assert.All(trailer, n => Assert.InRange(n, 1, analysis.Scenes.Count));
    }
}
