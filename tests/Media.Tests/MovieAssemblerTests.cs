using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Tests;

[Collection(VideoCollection.Name)]
public sealed class MovieAssemblerTests : IDisposable
{
    private const long Project = 77;
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private MovieAssembler Assembler => _media.Get<MovieAssembler>();

    private MediaProbe Probe => _media.Get<MediaProbe>();

    [Fact]
    public async Task AssembleAsync_ThreeScenes_OneVideoAndAudioStream_DurationIsSumOfClips_DecodesToTheEnd()
    {
        var analysis = MediaHarness.Analysis(
        [
            MediaHarness.Scene(1, "INT. KITCHEN - NIGHT", ["SARAH", "HARRIS"],
                [new DialogueLine("SARAH", null, "Who sent it?"), new DialogueLine("HARRIS", "whispering", "I don't know. But they know where we live.")], 1.5),
            MediaHarness.Scene(2, "EXT. CITY STREET - DAY", ["MIKE"], [], 2),
            MediaHarness.Scene(3, "EXT. BEACH - DUSK", ["ANNA"], [new DialogueLine("ANNA", "shouting", "Mike! Over here!")], 1),
        ]);
        await WriteFramesAsync(analysis);
        var reports = new List<MovieProgress>();

        var movie = await Assembler.AssembleAsync(MovieRequest.For(Project, analysis), new SynchronousProgress(reports));

        var path = _media.Store.GetLocalPath(movie.MovieKey);
        var probed = await Probe.ProbeAsync(path);
        var video = Assert.Single(probed.VideoStreams);
        var audio = Assert.Single(probed.AudioStreams);
        Assert.Equal(2, probed.Streams.Count);
        Assert.Equal(("h264", "yuv420p", 320, 180), (video.CodecName, video.PixelFormat, video.Width, video.Height));
        Assert.Equal(("aac", 48000), (audio.CodecName, audio.SampleRate));
        Assert.Equal(3, movie.ClipDurations.Count);
        Assert.InRange(movie.DurationSeconds, movie.ClipsTotalSeconds - 0.5, movie.ClipsTotalSeconds + 0.5);
        Assert.InRange(probed.DurationSeconds, movie.ClipsTotalSeconds - 0.5, movie.ClipsTotalSeconds + 0.5);
        var decode = await Probe.CheckDecodesAsync(path);
        Assert.True(decode.DecodesCleanly, decode.Errors);

        // Faststart: the index comes before the media data, so a browser can start playing at once.
        var atoms = Mp4Atoms.TopLevel(path);
        Assert.InRange(atoms.IndexOf("moov"), 0, atoms.IndexOf("mdat") - 1);

        // Progress after every scene, never backwards, ending at 1.
        Assert.Equal(4, reports.Count);
        Assert.Equal(reports.OrderBy(r => r.Fraction).Select(r => r.Fraction), reports.Select(r => r.Fraction));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal([1, 2, 3], reports.Where(r => r.FinishedClip is not null).Select(r => r.FinishedClip!.SceneNumber).Order());

        // The side-car subtitles cover every line, at the right place in the movie.
        var cues = SrtDocument.Parse(await File.ReadAllTextAsync(_media.Store.GetLocalPath(movie.SubtitlesKey)));
        Assert.Equal(3, cues.Count);
        Assert.Equal("SARAH: Who sent it?", cues[0].Text);
        var sceneThreeStart = movie.ClipDurations[0].Value + movie.ClipDurations[1].Value;
        Assert.InRange(cues[2].Start.TotalSeconds, sceneThreeStart, sceneThreeStart + 1);
        Assert.True(cues[2].End.TotalSeconds <= movie.DurationSeconds + 0.05);
    }

    [Fact]
    public async Task RenderSceneClipAsync_NoDialogue_StillGetsClipWithSilentAudioForItsSlot()
    {
        var scene = MediaHarness.Scene(4, "EXT. PARK - DAY", ["MIKE"], [], 2.5);
        await WriteFrameAsync(scene);

        var clip = await Assembler.RenderSceneClipAsync(new SceneClipRequest(Project, scene));

        // Nobody speaks: the still holds for its few words of action, at least the 3 s of an establishing shot.
        Assert.Equal(SceneDurationEstimator.MinimumSceneSeconds, clip.DurationSeconds, 1);
        Assert.Equal(30, clip.FrameCount);
        Assert.Null(clip.SubtitlesKey);
        Assert.Empty(clip.Cues);
        Assert.Equal(0, clip.SpeechSeconds);
        var probed = await Probe.ProbeAsync(_media.Store.GetLocalPath(clip.ClipKey));
        Assert.Single(probed.VideoStreams);
        Assert.Single(probed.AudioStreams);
        // The scene's track is kept as FLAC: decoded, it is silence exactly as long as the clip.
        Assert.EndsWith(".flac", clip.AudioKey, StringComparison.Ordinal);
        var decoded = Path.Combine(_media.Root, "decoded-track.wav");
        var (exitCode, output) = await TestSupport.ExternalProcess.RunAsync(
            "ffmpeg", ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", _media.Store.GetLocalPath(clip.AudioKey), "-c:a", "pcm_s16le", decoded],
            TestSupport.Deadlines.Seconds(60));
        Assert.True(exitCode == 0, output);
        var track = Speech.WavFile.Read(decoded);
        Assert.Equal(3, track.DurationSeconds, 3);
        Assert.All(track.Samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task RenderSceneClipAsync_SpeechLongerThanEstimate_ClipLastsForTheSpeech()
    {
        var scene = MediaHarness.Scene(5, "INT. OFFICE - DAY", ["HARRIS"],
            [new DialogueLine("HARRIS", null, "This report is late, the numbers are wrong, and the client called twice this morning.")], 1);
        await WriteFrameAsync(scene);

        var clip = await Assembler.RenderSceneClipAsync(new SceneClipRequest(Project, scene));

        Assert.True(clip.SpeechSeconds > 3, $"speech {clip.SpeechSeconds}");
        Assert.True(clip.DurationSeconds >= clip.SpeechSeconds, $"clip {clip.DurationSeconds} < speech {clip.SpeechSeconds}");
        Assert.True(await _media.Store.ExistsAsync(Assert.Single(clip.SpeechKeys)));
        // 86 characters with the name: two cues, cut at the comma, each of lines a viewer can read.
        Assert.Equal(["HARRIS: This report is late, the numbers are wrong,", "and the client called twice this morning."], clip.Cues.Select(c => c.Text.Replace('\n', ' ')));
        Assert.All(clip.Cues.SelectMany(c => c.Text.Split('\n')), line => Assert.InRange(line.Length, 1, SubtitleSplitter.LineCharacters));
        Assert.True(await _media.Store.ExistsAsync(clip.SubtitlesKey!));
    }

    [Fact]
    public async Task RenderSceneClipAsync_MissingFrame_FailsNamingTheScene()
    {
        var scene = MediaHarness.Scene(6, "INT. VOID - NIGHT", [], [], 1);

        var error = await Assert.ThrowsAsync<MediaAssemblyException>(() => Assembler.RenderSceneClipAsync(new SceneClipRequest(Project, scene)));

        Assert.Equal(6, error.SceneNumber);
        Assert.Contains("scene 6", error.Message, StringComparison.Ordinal);
        Assert.Contains("storyboard frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssembleAsync_OneScene_Assembles()
    {
        var analysis = MediaHarness.Analysis([MediaHarness.Scene(1, "INT. ROOM - DAY", ["EVE"], [new DialogueLine("EVE", null, "Hello.")], 1)]);
        await WriteFramesAsync(analysis);

        var movie = await Assembler.AssembleAsync(MovieRequest.For(Project, analysis));

        var probed = await Probe.ProbeAsync(_media.Store.GetLocalPath(movie.MovieKey));
        Assert.Single(probed.VideoStreams);
        Assert.Single(probed.AudioStreams);
        Assert.InRange(movie.DurationSeconds, movie.ClipsTotalSeconds - 0.5, movie.ClipsTotalSeconds + 0.5);
    }

    [Fact]
    public async Task AssembleAsync_FortyScenes_Assembles()
    {
        var scenes = Enumerable.Range(1, 40).Select(n => MediaHarness.Scene(
            n,
            n % 2 == 0 ? $"INT. ROOM {n} - NIGHT" : $"EXT. STREET {n} - DAY",
            [$"PERSON {n % 5}"],
            n % 3 == 0 ? [new DialogueLine($"PERSON {n % 5}", null, "Go.")] : [],
            1)).ToList();
        var analysis = MediaHarness.Analysis(scenes);
        await WriteFramesAsync(analysis);

        var movie = await Assembler.AssembleAsync(MovieRequest.For(Project, analysis));

        Assert.Equal(40, movie.ClipDurations.Count);
        Assert.Equal(Enumerable.Range(1, 40), movie.ClipDurations.Select(c => c.Key));
        var probed = await Probe.ProbeAsync(_media.Store.GetLocalPath(movie.MovieKey));
        Assert.Single(probed.VideoStreams);
        Assert.Single(probed.AudioStreams);
        Assert.InRange(movie.DurationSeconds, movie.ClipsTotalSeconds - 0.5, movie.ClipsTotalSeconds + 0.5);
        Assert.Equal(13, SrtDocument.Parse(await File.ReadAllTextAsync(_media.Store.GetLocalPath(movie.SubtitlesKey))).Count);
    }

    [Fact]
    public async Task AssembleAsync_OneSceneWithoutFrame_FailsNamingThatScene()
    {
        var analysis = MediaHarness.Analysis(
        [
            MediaHarness.Scene(1, "INT. ROOM - DAY", ["EVE"], [], 1),
            MediaHarness.Scene(2, "INT. HALL - DAY", ["EVE"], [], 1),
        ]);
        await WriteFrameAsync(analysis.Scenes[0]);

        var error = await Assert.ThrowsAsync<MediaAssemblyException>(() => Assembler.AssembleAsync(MovieRequest.For(Project, analysis)));

        Assert.Equal(2, error.SceneNumber);
        Assert.False(await _media.Store.ExistsAsync(ArtifactKeys.FinalMovie(Project)));
    }

    [Fact]
    public async Task JoinAsync_ClipMissing_FailsNamingTheScene()
    {
        var scene = MediaHarness.Scene(1, "INT. ROOM - DAY", [], [], 1);
        await WriteFrameAsync(scene);
        var made = await Assembler.RenderSceneClipAsync(new SceneClipRequest(Project, scene));
        var lost = made with { SceneNumber = 2, ClipKey = "projects/77/pieces/clips/gone/clip.mp4" };

        var error = await Assert.ThrowsAsync<MediaAssemblyException>(() => Assembler.JoinAsync(Project, [made, lost]));

        Assert.Contains("scene 2 has no clip yet", error.Message, StringComparison.Ordinal);
    }

    private async Task WriteFramesAsync(ScriptAnalysis analysis)
    {
        foreach (var scene in analysis.Scenes)
            await WriteFrameAsync(scene);
    }

    private async Task WriteFrameAsync(AnalyzedScene scene)
    {
        var frame = await _media.Get<IStoryboardRenderer>().RenderAsync(new FrameRequest(scene, null, []));
        await _media.Store.WriteAsync(ArtifactKeys.StoryboardFrame(Project, scene.Number), frame.Png);
    }

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(List<MovieProgress> reports) : IProgress<MovieProgress>
    {
        public void Report(MovieProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
