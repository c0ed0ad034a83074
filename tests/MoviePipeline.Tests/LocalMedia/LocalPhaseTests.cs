using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Phases;
using MoviePipeline.Screenplay;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;
using SkiaSharp;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>The Local phase work classes against real tools and a real store, without a cluster.</summary>
[Collection(LocalMediaCollection.Name)] // CPU-heavy: runs alone with the other local-media tests
public sealed class LocalPhaseTests
{
    private const long Id = LocalPhaseHarness.ProjectId;

    [Fact]
    public async Task StoryboardPhase_DuplicateAndBlankDrafts_RendersThemAgainAndARerunGivesTheSameStoryboard()
    {
        using var harness = new LocalPhaseHarness();
        var trailer = await harness.RunPhase1Async(LocalScripts.ThreeScenes);
        Assert.Equal([1, 2, 3], trailer.DraftFrames.Select(f => f.SceneNumber));
        var drafts = trailer.DraftFrames.Select(f => f.ImageKey!).ToList();
        Assert.All(drafts, key => Assert.StartsWith(PieceFolders.Of(Id, "frames"), key, StringComparison.Ordinal));
        Assert.Equal(3, drafts.Distinct().Count());
        Assert.StartsWith(PieceFolders.Of(Id, "trailers"), trailer.TrailerKey, StringComparison.Ordinal);

        // Scene 2's draft copies scene 1's; scene 3's is one flat grey.
        var draft1 = (await harness.Store.ReadAllBytesAsync(drafts[0]))!;
        await harness.Store.WriteAsync(drafts[1], draft1);
        await harness.Store.WriteAsync(drafts[2], FlatPng(1024, 576));
        harness.Reports.Clear();

        var frames = await harness.RunPhase2Async(trailer);

        Assert.All(frames, f => Assert.Equal(FrameStatus.Completed, f.Status));
        Assert.Equal([1, 2, 3], frames.Select(f => f.SceneNumber));
        Assert.Equal(drafts[0], frames[0].ImageKey);
        Assert.All(frames.Skip(1), f => Assert.DoesNotContain(f.ImageKey, drafts));
        Assert.Equal(trailer.DraftFrames[0].Prompt, frames[0].Prompt);
        Assert.StartsWith("Detailed cinematic storyboard frame", frames[1].Prompt);
        Assert.StartsWith("Detailed cinematic storyboard frame", frames[2].Prompt);
        Assert.Equal(draft1, await harness.Store.ReadAllBytesAsync(frames[0].ImageKey!));
        var verdicts = harness.Get<FrameInspector>().InspectScenes(new Dictionary<int, byte[]?>
        {
            [1] = await harness.Store.ReadAllBytesAsync(frames[0].ImageKey!),
            [2] = await harness.Store.ReadAllBytesAsync(frames[1].ImageKey!),
            [3] = await harness.Store.ReadAllBytesAsync(frames[2].ImageKey!),
        });
        Assert.All(verdicts.Values, v => Assert.True(v.IsOk, v.Reason));

        // Progress: the check, then one report per scene, never going back.
        Assert.Contains(harness.Reports, r => r.Message == "2 of 3 draft frames need to be made again.");
        foreach (var n in new[] { 1, 2, 3 })
            Assert.Single(harness.Reports, r => r.Message.StartsWith($"Storyboard frame of scene {n} is ready", StringComparison.Ordinal));
        Assert.Equal(harness.Reports.Select(r => r.Fraction).Order(), harness.Reports.Select(r => r.Fraction));

        // Again: the same frames under the same keys, the re-rendered ones found made, nothing added.
        var files = FrameFiles(harness);
        var bytes = await Task.WhenAll(frames.Select(f => harness.Store.ReadAllBytesAsync(f.ImageKey!)));
        var again = await harness.RunPhase2Async(trailer);
        Assert.Equal(frames.Select(f => (f.SceneNumber, f.ImageKey, f.Prompt, f.Status)), again.Select(f => (f.SceneNumber, f.ImageKey, f.Prompt, f.Status)));
        Assert.Equal([false, true, true], again.Select(f => f.Reused));
        Assert.Equal(bytes, await Task.WhenAll(again.Select(f => harness.Store.ReadAllBytesAsync(f.ImageKey!))));
        Assert.Equal(files, FrameFiles(harness));
        Assert.Equal(5, files.Count); // 3 first drafts, 2 second attempts
    }

    [Fact]
    public async Task StoryboardPhase_RerenderAlsoPoor_MarksTheFrameFailedWithTheReasonAndPhase3NamesIt()
    {
        // An image provider whose second attempt at scene 2 comes back blank.
        using var harness = new LocalPhaseHarness(providers: services =>
            services.AddSingleton<IStoryboardRenderer>(sp => new BlankSecondAttemptRenderer(ActivatorUtilities.CreateInstance<StoryboardRenderer>(sp), scene: 2)));
        var trailer = await harness.RunPhase1Async(LocalScripts.ThreeScenes);
        Assert.True(await harness.Store.DeleteAsync(trailer.DraftFrames[1].ImageKey!));

        var frames = await harness.RunPhase2Async(trailer);

        Assert.Equal([FrameStatus.Completed, FrameStatus.Failed, FrameStatus.Completed], frames.Select(f => f.Status));
        var failed = frames[1];
        Assert.Null(failed.ImageKey);
        Assert.Equal("The frame is missing. The frame rendered again is not usable either: The frame is blank: it is one flat colour with no picture.", failed.ErrorMessage);
        Assert.StartsWith("Detailed cinematic storyboard frame", failed.Prompt);

        var failure = await Assert.ThrowsAsync<PhaseFailedException>(() => harness.RunPhase3Async(trailer, frames));
        Assert.False(failure.Retryable);
        Assert.StartsWith("There is no storyboard frame to film for scene 2 (The frame is missing.", failure.Message);
    }

    [Fact]
    public async Task MoviePhase_StoryboardFrameFailed_FailsNotRetryableNamingTheScene()
    {
        using var harness = new LocalPhaseHarness();
        var trailer = Trailer(harness, LocalScripts.ThreeScenes);
        var now = DateTime.UtcNow;
        IReadOnlyList<SceneFrame> storyboard =
        [
            new(1, ArtifactKeys.StoryboardFrame(Id, 1), "p", FrameStatus.Completed, now, now),
            new(2, null, "p", FrameStatus.Failed, now, now, "The frame is blank: it is one flat colour with no picture."),
        ];

        var failure = await Assert.ThrowsAsync<PhaseFailedException>(() => harness.RunPhase3Async(trailer, storyboard));

        Assert.False(failure.Retryable);
        Assert.Contains("scene 2 (The frame is blank", failure.Message);
        Assert.Contains("scene 3", failure.Message);
        Assert.DoesNotContain("scene 1", failure.Message);
    }

    [Fact]
    public async Task MoviePhase_DamagedFrame_FailsRetryableNamingTheSceneWithFfmpegOutput()
    {
        using var harness = new LocalPhaseHarness();
        var trailer = Trailer(harness, LocalScripts.ThreeScenes);
        var storyboard = await WriteFramesAsync(harness, trailer.Analysis);
        var frame2 = (await harness.Store.ReadAllBytesAsync(ArtifactKeys.StoryboardFrame(Id, 2)))!;
        await harness.Store.WriteAsync(ArtifactKeys.StoryboardFrame(Id, 2), frame2.AsMemory(0, 100));

        var failure = await Assert.ThrowsAsync<PhaseFailedException>(() => harness.RunPhase3Async(trailer, storyboard));

        Assert.True(failure.Retryable);
        Assert.StartsWith("The clip of scene 2 could not be made: ffmpeg failed", failure.Message);
        Assert.Contains("Its last output:", failure.Message);
    }

    [Fact]
    public async Task MoviePhase_ThreeScenes_ReportsEachClipThenAssemblesTheMovie()
    {
        using var harness = new LocalPhaseHarness();
        var trailer = Trailer(harness, LocalScripts.ThreeScenes);
        var storyboard = await WriteFramesAsync(harness, trailer.Analysis);

        var output = await harness.RunPhase3Async(trailer, storyboard);

        Assert.Equal([1, 2, 3], output.Clips.Select(c => c.SceneNumber));
        Assert.All(output.Clips, c => Assert.Equal(ClipStatus.Completed, c.Status));
        Assert.All(output.Clips, c => Assert.StartsWith(PieceFolders.Of(Id, "clips"), c.VideoKey, StringComparison.Ordinal));
        Assert.All(output.Clips, c => Assert.False(c.Reused));
        Assert.Contains("SARAH speaks (1 line), starting: \"He wrote after all.\"", output.Clips[0].Prompt);
        Assert.Contains("SARAH, HARRIS speak (2 lines)", output.Clips[2].Prompt);
        var movie = output.Movie!;
        Assert.Equal(MovieStatus.Completed, movie.Status);
        Assert.StartsWith(PieceFolders.Of(Id, "movies"), movie.MovieKey, StringComparison.Ordinal);
        Assert.Equal(movie.MovieKey!.Replace(".mp4", ".srt", StringComparison.Ordinal), movie.SubtitlesKey);
        Assert.InRange(movie.Duration, output.Clips.Sum(c => c.Duration) - 0.5, output.Clips.Sum(c => c.Duration) + 0.5);

        var reports = harness.Reports;
        var clipReports = reports.Where(r => r.Message.StartsWith("Clip of scene", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, clipReports.Count);
        Assert.All(clipReports, r => Assert.False(r.Assembling));
        var joining = reports.Single(r => r.Message == "Joining 3 clips into the movie.");
        Assert.True(joining.Assembling);
        Assert.True(reports.IndexOf(joining) > reports.IndexOf(clipReports[^1]));
        Assert.True(reports[^1].Assembling);
        Assert.Equal(reports.Select(r => r.Fraction).Order(), reports.Select(r => r.Fraction));
    }

    [Fact]
    public async Task Phases_RunAgainAfterAnEdit_WithNoRetention_LeaveOnlyWhatTheNewRunUses()
    {
        using var harness = new LocalPhaseHarness(new Dictionary<string, string?> { ["Artifacts:RetentionPeriod"] = "00:00:00" });
        var before = await RunAllAsync(harness, LocalScripts.ThreeScenes);
        var after = await RunAllAsync(harness, LocalScripts.ThreeScenes.Replace("She never comes.", "She always comes.", StringComparison.Ordinal));

        // Scene 2's clip and the movie were made again; what the first run made of them is gone, the rest was reused.
        Assert.All(after.Storyboard, f => Assert.True(f.Reused));
        Assert.Equal([false, true, false, true], after.Movie.Clips.Select(c => c.Reused).Prepend(after.Movie.Movie!.Reused));
        Assert.False(await harness.Store.ExistsAsync(before.Movie.Clips[1].VideoKey!));
        Assert.False(await harness.Store.ExistsAsync(before.Movie.Movie!.MovieKey!));
        string?[] used =
        [
            after.Trailer.TrailerKey, after.Movie.Movie.MovieKey, after.Movie.Movie.SubtitlesKey,
            .. after.Trailer.DraftFrames.Select(f => f.ImageKey), .. after.Storyboard.Select(f => f.ImageKey), .. after.Movie.Clips.Select(c => c.VideoKey),
        ];
        Assert.All(used, key => Assert.True(File.Exists(harness.Store.GetLocalPath(key!)), key));
        var usedPieces = used.Select(key => PieceFolders.PieceOf(key!)).ToHashSet();
        var onDisk = Directory.EnumerateFiles(harness.Store.GetLocalPath(PieceFolders.Root(Id).TrimEnd('/')), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(harness.Root, path).Replace('\\', '/')).ToList();
        // Besides those: the four spoken lines of the script as it is now, which a changed scene would reuse.
        Assert.Equal(4, onDisk.Count(key => key.Contains("/pieces/speech/", StringComparison.Ordinal)));
        Assert.All(onDisk.Where(key => !key.Contains("/pieces/speech/", StringComparison.Ordinal)), key => Assert.Contains(PieceFolders.PieceOf(key), usedPieces));
    }

    private sealed record Made(TrailerOutput Trailer, IReadOnlyList<SceneFrame> Storyboard, MovieOutput Movie);

    private static async Task<Made> RunAllAsync(LocalPhaseHarness harness, string script)
    {
        var trailer = await harness.RunPhase1Async(script);
        var storyboard = await harness.RunPhase2Async(trailer);
        return new Made(trailer, storyboard, await harness.RunPhase3Async(trailer, storyboard));
    }

    [Fact]
    public async Task TrailerPhase_FfmpegMissing_FailsNotRetryableSayingToInstallIt()
    {
        using var harness = new LocalPhaseHarness(new Dictionary<string, string?> { ["Media:FfmpegPath"] = "/nonexistent/ffmpeg" });

        var failure = await Assert.ThrowsAsync<PhaseFailedException>(() => harness.RunPhase1Async(LocalScripts.OneScene));

        Assert.False(failure.Retryable);
        Assert.StartsWith("The trailer could not be made: ffmpeg could not be started", failure.Message);
        Assert.Contains("Media:FfmpegPath", failure.Message);
        Assert.Contains("scripts/install-deps.sh", failure.Message);
    }

    [Fact]
    public async Task MoviePhase_EspeakMissing_FailsNotRetryableSayingToInstallIt()
    {
        using var harness = new LocalPhaseHarness(new Dictionary<string, string?> { ["Media:EspeakPath"] = "/nonexistent/espeak-ng" });
        var trailer = Trailer(harness, LocalScripts.OneScene);
        var storyboard = await WriteFramesAsync(harness, trailer.Analysis);

        var failure = await Assert.ThrowsAsync<PhaseFailedException>(() => harness.RunPhase3Async(trailer, storyboard));

        Assert.False(failure.Retryable);
        Assert.Contains("espeak-ng could not be started", failure.Message);
        Assert.Contains("scripts/install-deps.sh", failure.Message);
    }

    /// <summary>Phase 1's analysis without its media (for phase 3 tests that bring their own frames).</summary>
    private static TrailerOutput Trailer(LocalPhaseHarness harness, string script) =>
        new(harness.Get<IScriptAnalyzer>().Analyze(script), [], null, 0, DateTime.UtcNow);

    /// <summary>Renders every scene's frame straight into its storyboard key, as phase 2 would leave it.</summary>
    private static async Task<IReadOnlyList<SceneFrame>> WriteFramesAsync(LocalPhaseHarness harness, ScriptAnalysis analysis)
    {
        var renderer = harness.Get<IStoryboardRenderer>();
        var frames = new List<SceneFrame>();
        foreach (var scene in analysis.Scenes)
        {
            var rendered = await renderer.RenderAsync(FrameRequest.For(analysis, scene));
            var key = ArtifactKeys.StoryboardFrame(Id, scene.Number);
            await harness.Store.WriteAsync(key, rendered.Png);
            frames.Add(new SceneFrame(scene.Number, key, rendered.Prompt, FrameStatus.Completed, DateTime.UtcNow, DateTime.UtcNow));
        }
        return frames;
    }

    private static List<string> FrameFiles(LocalPhaseHarness harness) =>
        [.. Directory.EnumerateFiles(harness.Store.GetLocalPath(PieceFolders.Of(Id, "frames").TrimEnd('/')), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(harness.Root, f)).Order(StringComparer.Ordinal)];

    private sealed class BlankSecondAttemptRenderer(IStoryboardRenderer inner, int scene) : IStoryboardRenderer
    {
        public async Task<RenderedFrame> RenderAsync(FrameRequest request, CancellationToken cancellationToken = default)
        {
            var frame = await inner.RenderAsync(request, cancellationToken);
            return request.Scene.Number == scene && request.Attempt > 1 ? frame with { Png = FlatPng(frame.Width, frame.Height) } : frame;
        }

        // Its blank frame is another piece than the real renderer's.
        public PieceInputs Inputs(FrameRequest request) => inner.Inputs(request).Add("blank-second-attempt-of-scene", scene);
    }

    private static byte[] FlatPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(0x80, 0x80, 0x80));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
