using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Tests;

/// <summary>Pieces: work named by its inputs, found again by them, and deleted once nothing has used it for a while.</summary>
public sealed class PieceTests : IDisposable
{
    private const long Project = 31;
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public void Inputs_SameLinesSameName_AnyChangeAnotherName_AndNoValueCanForgeALine()
    {
        static PieceInputs Of(string text) => new PieceInputs("speech", 1).Add("voice", "en-us").Add("text", text);

        Assert.Equal(Of("Hello.").Hash(), Of("Hello.").Hash());
        Assert.NotEqual(Of("Hello.").Hash(), Of("Hello!").Hash());
        Assert.NotEqual(new PieceInputs("speech", 1).Add("text", "Hi").Hash(), new PieceInputs("speech", 2).Add("text", "Hi").Hash());
        // A line break in a value is escaped: "a\nvoice=x" is one value, not two inputs.
        Assert.NotEqual(
            new PieceInputs("speech", 1).Add("text", "a").Add("voice", "x").Hash(),
            new PieceInputs("speech", 1).Add("text", "a\nvoice=x").Hash());
        Assert.Matches("^projects/31/pieces/speech/[0-9a-f]{32}\\.wav$", Of("Hello.").FileKey(Project, "wav"));
        Assert.True(ArtifactKeys.IsValid(Of("Hello.").Folder(Project).ManifestKey));
    }

    [Theory]
    [InlineData("projects/31/pieces/frames/0123abcd.png", "projects/31/pieces/frames/0123abcd")]
    [InlineData("projects/31/pieces/clips/0123abcd/clip.mp4", "projects/31/pieces/clips/0123abcd")]
    [InlineData("projects/31/pieces/clips/0123abcd/manifest.json", "projects/31/pieces/clips/0123abcd")]
    [InlineData("projects/31/final_movie.mp4", null)]
    public void PieceOf_NamesTheWholePiece(string key, string? piece) => Assert.Equal(piece, PieceFolders.PieceOf(key));

    [Fact]
    public void FrameInputs_LeaveOutWhereTheSceneStands_AndWhatItDoesNotShow()
    {
        var renderer = (StoryboardRenderer)_media.Get<IStoryboardRenderer>();
        var scene = MediaHarness.Scene(3, "INT. KITCHEN - NIGHT", ["SARAH"], [new DialogueLine("SARAH", null, "Hello.")], description: "Sarah waits.");
        var moved = scene with { Number = 9, Dialogue = [.. scene.Dialogue, new DialogueLine("SARAH", null, "A second line.")], DurationSeconds = 40 };
        var key = renderer.Inputs(new FrameRequest(scene, null, [])).Hash();

        Assert.Equal(key, renderer.Inputs(new FrameRequest(moved, null, [])).Hash());
        Assert.NotEqual(key, renderer.Inputs(new FrameRequest(scene with { Description = "Sarah leaves." }, null, [])).Hash());
        // The first line counts only where the caption falls back on it: a scene without action.
        var silent = scene with { Description = "" };
        Assert.NotEqual(renderer.Inputs(new FrameRequest(silent, null, [])).Hash(),
            renderer.Inputs(new FrameRequest(silent with { Dialogue = [new DialogueLine("SARAH", null, "Goodbye.")] }, null, [])).Hash());
        Assert.Equal(key, renderer.Inputs(new FrameRequest(scene with { Dialogue = [new DialogueLine("SARAH", null, "Goodbye.")] }, null, [])).Hash());
        Assert.NotEqual(key, renderer.Inputs(new FrameRequest(scene, null, [new AnalyzedCharacter("SARAH", "A nurse.", "Sarah, in blue.", 1)])).Hash());
        Assert.NotEqual(key, renderer.Inputs(new FrameRequest(scene, null, []) { Attempt = 2 }).Hash());
        Assert.NotEqual(key, renderer.Inputs(new FrameRequest(scene, null, []) { Variant = 1 }).Hash());
        // The same inputs draw the same picture wherever the scene stands.
        Assert.Equal(renderer.Render(new FrameRequest(scene, null, [])).Png, renderer.Render(new FrameRequest(moved, null, [])).Png);
    }

    [Fact]
    public void SpeechInputs_AreTheVoiceAndTheSpokenText()
    {
        var speech = _media.Get<ISpeechSynthesizer>();
        var line = new SpeechRequest(new DialogueLine("SARAH", null, "Hello."), "unused") { Cast = ["SARAH", "HARRIS"] };

        Assert.Equal(speech.Inputs(line).Hash(), speech.Inputs(line with { OutputKey = "elsewhere" }).Hash());
        Assert.NotEqual(speech.Inputs(line).Hash(), speech.Inputs(line with { Line = line.Line with { Character = "HARRIS" } }).Hash());
        Assert.NotEqual(speech.Inputs(line).Hash(), speech.Inputs(line with { Line = line.Line with { Parenthetical = "shouting" } }).Hash());
        Assert.NotEqual(speech.Inputs(line).Hash(), speech.Inputs(line with { Line = line.Line with { Text = "Goodbye." } }).Hash());
    }

    [Fact]
    public async Task Find_AWholePiece_IsFoundAndMarkedUsed_AHalfMadeOneIsNot()
    {
        var store = _media.Store;
        var piece = new PieceInputs("clips", 1).Add("frame", "abc").Folder(Project);
        await store.WriteAsync(piece.Key("clip.mp4"), new byte[] { 1, 2, 3 });

        // The clip is there but its manifest is not: a run died before it finished the piece.
        Assert.Null(await store.FindAsync<Made>(piece));

        await store.CompleteAsync(piece, new Made(4.5));
        File.SetLastWriteTimeUtc(store.GetLocalPath(piece.ManifestKey), DateTime.UtcNow.AddDays(-30));
        Assert.Equal(new Made(4.5), await store.FindAsync<Made>(piece));
        Assert.True((await store.GetInfoAsync(piece.ManifestKey))!.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));

        await store.WriteAsync(piece.ManifestKey, "{ not json"u8.ToArray());
        Assert.Null(await store.FindAsync<Made>(piece));
    }

    [Fact]
    public async Task Sweep_DeletesWhatIsNeitherReferencedNorRecentlyUsed_AWholePieceAtATime()
    {
        var store = _media.Store;
        var old = DateTime.UtcNow.AddDays(-10);
        var keptFrame = await WriteAsync(new PieceInputs("frames", 1).Add("n", 1).FileKey(Project, "png"), old);
        var staleFrame = await WriteAsync(new PieceInputs("frames", 1).Add("n", 2).FileKey(Project, "png"), old);
        var recentFrame = await WriteAsync(new PieceInputs("frames", 1).Add("n", 3).FileKey(Project, "png"), DateTime.UtcNow);
        var keptClip = new PieceInputs("clips", 1).Add("n", 1).Folder(Project);
        var staleClip = new PieceInputs("clips", 1).Add("n", 2).Folder(Project);
        foreach (var clip in new[] { keptClip, staleClip })
        {
            await WriteAsync(clip.Key("clip.mp4"), old);
            await WriteAsync(clip.Key("scene.wav"), old);
            await WriteAsync(clip.ManifestKey, old);
        }
        // Used a minute ago: a piece whose manifest was touched counts as used, whatever the age of its other files.
        var touchedClip = new PieceInputs("clips", 1).Add("n", 3).Folder(Project);
        await WriteAsync(touchedClip.Key("clip.mp4"), old);
        await WriteAsync(touchedClip.ManifestKey, DateTime.UtcNow.AddMinutes(-1));
        var legacyMovie = await WriteAsync(ArtifactKeys.FinalMovie(Project), old);
        var otherProject = await WriteAsync(new PieceInputs("frames", 1).Add("n", 2).FileKey(Project + 1, "png"), old);

        var (files, bytes) = await PieceSweeper.SweepAsync(store, Project, [keptFrame, keptClip.Key("clip.mp4")], DateTimeOffset.UtcNow.AddDays(-7));

        // Outputs of the fixed names of earlier versions go the same way once nothing refers to them.
        Assert.Equal((5, 5L), (files, bytes));
        foreach (var gone in new[] { staleFrame, staleClip.Key("clip.mp4"), staleClip.Key("scene.wav"), staleClip.ManifestKey, legacyMovie })
            Assert.False(await store.ExistsAsync(gone), gone);
        foreach (var kept in new[] { keptFrame, recentFrame, keptClip.Key("scene.wav"), keptClip.ManifestKey, touchedClip.Key("clip.mp4"), otherProject })
            Assert.True(await store.ExistsAsync(kept), kept);
    }

    private async Task<string> WriteAsync(string key, DateTime lastUsed)
    {
        await _media.Store.WriteAsync(key, new byte[] { 7 });
        File.SetLastWriteTimeUtc(_media.Store.GetLocalPath(key), lastUsed);
        return key;
    }

    private sealed record Made(double Seconds);
}
