using System.Text;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Video;
using MoviePipeline.Screenplay;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Media.Tests;

/// <summary>
/// The media made from a cast (a screenplay written for it, below): the voice each character is given, who a frame
/// draws, subtitles a viewer can read, and a film without dead air.
/// </summary>
[Collection(VideoCollection.Name)]
public sealed class CastingMediaTests : IDisposable
{
    private const string Script = """
        Title: Brick & Steel

        .OPENING TITLES

        > BRICK & STEEL <

        EXT. BRICK'S HOUSE - PATIO - NIGHT

        BRICK (40s), a retired welder, scrubs the grill. His wife, MAGGIE (late 30s), watches him from the doorway.

        MAGGIE
        You never clean that grill.

        BRICK
        (quietly)
        I do when I can't sleep. Your brother called again tonight, and he asked about the money, and the truck, and whether you would come to the game on Saturday, because the whole town will be there and he wants his family in the stands for once, just once, before he leaves for good.

        INT. BRICK'S HOUSE - KITCHEN

        Little LILY, a seven-year-old, climbs onto a stool. A MESSAGE MACHINE blinks.

        MESSAGE MACHINE
        You have two new messages.

        EDWARD (ON PHONE)
        Dad, it's me. Call me back.

        LILY
        Is Edward coming home?

        MAGGIE (O.S.)
        Off the stool, Lily.
        """;

    private static readonly ScriptAnalysis Analysis = new FountainScriptAnalyzer().Analyze(Script);
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private static AnalyzedScene Scene(int number) => Analysis.Scenes.Single(s => s.Number == number);

    [Fact]
    public void Voices_FitGenderAndAge_AndThingsSoundLikeMachines()
    {
        var voices = VoiceCasting.Cast(Analysis.Characters, Analysis.Scenes);

        Assert.StartsWith("m", voices.For("BRICK").Variant, StringComparison.Ordinal);
        Assert.Contains(voices.For("MAGGIE").Variant, new[] { "f1", "f2", "f3", "f4", "f5", "Alicia", "Annie", "belinda", "linda", "steph" });
        Assert.Contains(voices.For("LILY").Variant, new[] { "zac", "f5", "Andrea", "anika" });
        Assert.Equal(VoiceCasting.MachineEffect, voices.For("MESSAGE MACHINE").Effect);

        // A voice on the phone comes through the telephone band; the same speaker on screen does not.
        var phone = Scene(3).Dialogue.Single(l => l.Character == "EDWARD");
        Assert.Equal(VoiceCasting.TelephoneEffect, voices.For(phone).Effect);
        Assert.Null(voices.For("EDWARD").Effect);

        // Nobody in a scene shares a voice with another.
        foreach (var scene in Analysis.Scenes)
        {
            var sceneVoices = scene.Characters.Select(c => (voices.For(c).Variant, voices.For(c).Pitch)).ToList();
            Assert.Equal(sceneVoices.Count, sceneVoices.Distinct().Count());
        }
    }

    [Fact]
    public async Task Frames_DrawOnlyWhoIsOnScreen()
    {
        var renderer = _media.Get<IStoryboardRenderer>();
        var kitchen = Scene(3);
        Assert.Equal(["LILY"], kitchen.OnScreen);

        // The same scene with nobody heard: the same picture, so the machine, the phone and the voice off are not drawn.
        var drawn = await renderer.RenderAsync(FrameRequest.For(Analysis, kitchen));
        var alone = kitchen with { Characters = ["LILY"], Presence = new ScenePresence(["LILY"], [], []) };
        var onlyLily = await renderer.RenderAsync(FrameRequest.For(Analysis, alone));
        Assert.Equal(onlyLily.Png, drawn.Png);
        // What an image service would be asked for: the child to draw, the others named as only heard.
        Assert.Contains(" Characters: LILY (", drawn.Prompt, StringComparison.Ordinal);
        Assert.Contains(" Heard, not seen: MESSAGE MACHINE, EDWARD, MAGGIE.", drawn.Prompt, StringComparison.Ordinal);

        // A child is drawn at a child's size: the picture differs from the same name drawn as an adult.
        var adults = Analysis with { Characters = [.. Analysis.Characters.Select(c => c.Name == "LILY" ? c with { Traits = CharacterTraits.Unknown } : c)] };
        var adult = await renderer.RenderAsync(FrameRequest.For(adults, kitchen));
        Assert.NotEqual(adult.Png, drawn.Png);
    }

    [Fact]
    public void Subtitles_AtMostTwoLinesOfFortyTwo_OneToSevenSecondsACue()
    {
        var speech = string.Join(' ', Enumerable.Repeat("The tide doesn't ring, but the bell under the water does, every night at the turn.", 7));
        Assert.True(speech.Length > 560);
        var cues = SubtitleSplitter.Split("MARTA: " + speech, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2 + (speech.Length / 15.0)));

        Assert.Equal("MARTA: " + speech, string.Join(' ', cues.Select(c => c.Text.Replace('\n', ' '))));
        Assert.All(cues, cue =>
        {
            var lines = cue.Text.Split('\n');
            Assert.InRange(lines.Length, 1, SubtitleSplitter.MaxLines);
            Assert.All(lines, line => Assert.InRange(line.Length, 1, SubtitleSplitter.LineCharacters));
            Assert.InRange((cue.End - cue.Start).TotalSeconds, SubtitleSplitter.MinCueSeconds, SubtitleSplitter.MaxCueSeconds);
        });
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
    }

    [Fact]
    public void Subtitles_AShortTail_IsEvenedOutWithTheCueBeforeIt()
    {
        // A full cue and a one-word tail too long to join: cut again so neither flashes by.
        var text = "The bell under the water rings every night at the turn of the tide, and nobody asks why. Yes.";
        var cues = SubtitleSplitter.Split(text, TimeSpan.Zero, TimeSpan.FromSeconds(5));

        Assert.Equal(2, cues.Count);
        Assert.All(cues, cue => Assert.True((cue.End - cue.Start).TotalSeconds >= SubtitleSplitter.MinCueSeconds, cue.ToString()));
        Assert.Equal(text, string.Join(' ', cues.Select(c => c.Text.Replace('\n', ' '))));
    }

    [Fact]
    public async Task Movie_HasNoDeadAir_AndEveryCueIsReadable()
    {
        RequiredMediaTools.EnsureInstalled();
        var renderer = _media.Get<IStoryboardRenderer>();
        const long project = 15;
        foreach (var scene in Analysis.Scenes)
        {
            var frame = await renderer.RenderAsync(FrameRequest.For(Analysis, scene));
            await _media.Store.WriteAsync(Artifacts.ArtifactKeys.StoryboardFrame(project, scene.Number), frame.Png);
        }

        var movie = await _media.Get<MovieAssembler>().AssembleAsync(MovieRequest.For(project, Analysis));

        var path = _media.Store.GetLocalPath(movie.MovieKey);
        var silence = await MovieSilence.ShareAsync(path, movie.DurationSeconds);
        Assert.True(silence < 0.30, $"{silence:P0} of the {movie.DurationSeconds:0.0} s movie is silent.");
        var srt = SrtDocument.Parse(Encoding.UTF8.GetString((await _media.Store.ReadAllBytesAsync(movie.SubtitlesKey))!));
        Assert.NotEmpty(srt);
        Assert.All(srt, cue =>
        {
            Assert.All(cue.Text.Split('\n'), line => Assert.InRange(line.Length, 1, SubtitleSplitter.LineCharacters));
            Assert.InRange(cue.Text.Split('\n').Length, 1, SubtitleSplitter.MaxLines);
            Assert.InRange((cue.End - cue.Start).TotalSeconds, SubtitleSplitter.MinCueSeconds, SubtitleSplitter.MaxCueSeconds);
        });
        // The device speaks, filtered; the action is never spoken.
        Assert.Contains(srt, c => c.Text.Contains("MESSAGE MACHINE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProseTreatment_IsNarrated_NotSilent()
    {
        RequiredMediaTools.EnsureInstalled();
        var prose = new FountainScriptAnalyzer().Analyze(
            "The Lantern Keeper\n\nIn a small village by the sea, an old woman named Ada keeps the only lantern that still works. "
            + "Every night she climbs the hill and hangs it from the dead oak, so the boats can find their way home.\n\n"
            + "One evening a boy knocks on her door. He says his father's boat is late, and the fog is thick as wool.");
        var renderer = _media.Get<IStoryboardRenderer>();
        const long project = 16;
        foreach (var scene in prose.Scenes)
            await _media.Store.WriteAsync(Artifacts.ArtifactKeys.StoryboardFrame(project, scene.Number), (await renderer.RenderAsync(FrameRequest.For(prose, scene))).Png);

        var movie = await _media.Get<MovieAssembler>().AssembleAsync(MovieRequest.For(project, prose));

        var silence = await MovieSilence.ShareAsync(_media.Store.GetLocalPath(movie.MovieKey), movie.DurationSeconds);
        Assert.True(silence < 0.30, $"{silence:P0} of the {movie.DurationSeconds:0.0} s narrated movie is silent.");
        var srt = Encoding.UTF8.GetString((await _media.Store.ReadAllBytesAsync(movie.SubtitlesKey))!);
        Assert.StartsWith("In a small village by the sea,", SrtDocument.Parse(srt)[0].Text.Replace('\n', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain(VoiceCasting.NarratorName, srt, StringComparison.Ordinal);
    }
}
