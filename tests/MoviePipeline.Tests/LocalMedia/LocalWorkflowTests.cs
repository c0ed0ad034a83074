using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Phases;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;
using SkiaSharp;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>Whole workflows with <c>Pipeline:Media = Local</c>: real frames, trailer, speech, clips and movie, read back through the gateway.</summary>
[Collection(LocalMediaCollection.Name)]
public sealed class LocalWorkflowTests(LocalMediaFixture fixture)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(120);

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task FullRun_ThreeScenes_MakesFramesTrailerClipsAndMovie()
    {
        var id = await CreateAsync("Lighthouse", LocalScripts.ThreeScenes);
        await StartAsync(id);
        await WaitForCompletedAsync(id);

        // Storyboard: one decodable 1024x576 frame per scene, a piece of the project named by its inputs, served by the gateway.
        var frames = (await Http.GetJsonAsync($"/api/projects/{id}/storyboards")).EnumerateArray().ToList();
        Assert.Equal(3, frames.Count);
        Assert.Equal(3, frames.Select(f => f.GetProperty("imageKey").GetString()).Distinct().Count());
        for (var n = 1; n <= 3; n++)
        {
            var frame = frames[n - 1];
            var key = frame.GetProperty("imageKey").GetString()!;
            Assert.StartsWith(PieceFolders.Of(id, "frames"), key, StringComparison.Ordinal);
            Assert.Equal("/api/media/" + key, frame.GetProperty("imageUrl").GetString());
            Assert.Equal("completed", frame.GetProperty("status").GetString());
            Assert.False(frame.GetProperty("reused").GetBoolean());
            Assert.StartsWith("Storyboard frame", frame.GetProperty("prompt").GetString(), StringComparison.Ordinal);
            var png = await Http.GetByteArrayAsync(frame.GetProperty("imageUrl").GetString());
            Assert.Equal((1024, 576), DecodePng(png));
        }

        // Trailer: 15-40 s as ffprobe reads the file behind the project's trailer URL.
        var project = await Http.GetJsonAsync($"/api/projects/{id}");
        var trailerKey = project.GetProperty("trailerKey").GetString();
        Assert.StartsWith(PieceFolders.Of(id, "trailers"), trailerKey, StringComparison.Ordinal);
        Assert.Equal("/api/media/" + trailerKey, project.GetProperty("trailerUrl").GetString());
        var trailer = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(trailerKey!));
        Assert.InRange(trailer.DurationSeconds, 15, 40);

        // A completed clip per scene, with a video prompt and its ffprobe duration.
        var videos = (await Http.GetJsonAsync($"/api/projects/{id}/videos")).EnumerateArray().ToList();
        Assert.Equal(3, videos.Count);
        var scenes = (await Http.GetJsonAsync($"/api/projects/{id}/scenes")).EnumerateArray().ToList();
        var clipSeconds = 0.0;
        for (var n = 1; n <= 3; n++)
        {
            var video = videos[n - 1];
            var key = video.GetProperty("videoKey").GetString()!;
            Assert.StartsWith(PieceFolders.Of(id, "clips"), key, StringComparison.Ordinal);
            Assert.Equal("/api/media/" + key, video.GetProperty("videoUrl").GetString());
            Assert.Equal("completed", video.GetProperty("status").GetString());
            Assert.Contains($"scene {n} of \"The Lighthouse Letter\"", video.GetProperty("prompt").GetString());
            var probed = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(key));
            Assert.Equal(probed.DurationSeconds, video.GetProperty("duration").GetDouble(), 3);
            // Once made, the scene says how long its clip really is, not what the script suggested.
            Assert.Equal(video.GetProperty("duration").GetDouble(), scenes[n - 1].GetProperty("duration").GetDouble(), 3);
            Assert.Equal(LocalMediaSettings.VideoWidth, probed.VideoStreams.Single().Width);
            clipSeconds += probed.DurationSeconds;
        }

        // The movie: as long as its clips together (ffprobe), with its subtitles beside it.
        var movie = await Http.GetJsonAsync($"/api/projects/{id}/movie");
        Assert.Equal("completed", movie.GetProperty("status").GetString());
        var movieKey = movie.GetProperty("movieKey").GetString();
        Assert.StartsWith(PieceFolders.Of(id, "movies"), movieKey, StringComparison.Ordinal);
        Assert.Equal("/api/media/" + movieKey, movie.GetProperty("movieUrl").GetString());
        var probedMovie = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(movieKey!));
        Assert.InRange(probedMovie.DurationSeconds, clipSeconds - 0.5, clipSeconds + 0.5);
        Assert.Equal(probedMovie.DurationSeconds, movie.GetProperty("duration").GetDouble(), 3);
        Assert.Contains("SARAH: He wrote after all.", await File.ReadAllTextAsync(fixture.Store.GetLocalPath(movieKey!.Replace(".mp4", ".srt", StringComparison.Ordinal))));

        // Progress reports moved phase 3 through its band, assembling at the end.
        var history = (await Http.GetJsonAsync($"/api/workflow/{id}/history")).EnumerateArray().ToList();
        Assert.Contains(history, e => e.GetProperty("status").GetString() == "generating_videos" && e.GetProperty("progress").GetInt32() is > 66 and < 100);
        Assert.Contains(history, e => e.GetProperty("status").GetString() == "assembling" && e.GetProperty("progress").GetInt32() is > 66 and < 100);
        Assert.Contains(history, e => e.GetProperty("message").GetString()!.StartsWith("Drafted the frame of scene 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Phase2_DraftDeletedOrTruncatedBeforeIt_RendersThoseFramesAgain()
    {
        var id = await CreateAsync("Damaged drafts", LocalScripts.ThreeScenes);
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        await StartAsync(id);
        await phase2.Entered.WaitAsync(RunDeadline);

        // Between phase 1 and phase 2: scene 2's draft is gone, scene 3's is cut off half way.
        var drafts = (await fixture.Grains.GetGrain<IScriptToTrailerGrain>(id).GetOutputAsync())!.DraftFrames.Select(f => f.ImageKey!).ToList();
        var draft1 = await fixture.Store.ReadAllBytesAsync(drafts[0]);
        Assert.True(await fixture.Store.DeleteAsync(drafts[1]));
        var draft3 = await fixture.Store.ReadAllBytesAsync(drafts[2]);
        await fixture.Store.WriteAsync(drafts[2], draft3.AsMemory(0, draft3!.Length / 2));
        phase2.OpenGate();
        await WaitForCompletedAsync(id);

        var frames = (await Http.GetJsonAsync($"/api/projects/{id}/storyboards")).EnumerateArray().ToList();
        Assert.All(frames, f => Assert.Equal("completed", f.GetProperty("status").GetString()));
        // The good draft was kept as it was; the others were rendered again with the detailed prompt of attempt 2.
        Assert.Equal(drafts[0], frames[0].GetProperty("imageKey").GetString());
        Assert.Equal(draft1, await fixture.Store.ReadAllBytesAsync(drafts[0]));
        Assert.StartsWith("Storyboard frame", frames[0].GetProperty("prompt").GetString());
        foreach (var n in new[] { 2, 3 })
        {
            Assert.StartsWith("Detailed cinematic storyboard frame", frames[n - 1].GetProperty("prompt").GetString());
            var key = frames[n - 1].GetProperty("imageKey").GetString()!;
            Assert.NotEqual(drafts[n - 1], key);
            Assert.Equal((1024, 576), DecodePng((await fixture.Store.ReadAllBytesAsync(key))!));
        }

        // Phase 3 filmed the re-rendered frames.
        var videos = (await Http.GetJsonAsync($"/api/projects/{id}/videos")).EnumerateArray();
        Assert.All(videos, v => Assert.Equal("completed", v.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task FullRun_OneScene_Completes()
    {
        var id = await CreateAsync("Attic", LocalScripts.OneScene);
        await StartAsync(id);
        await WaitForCompletedAsync(id);

        var videos = (await Http.GetJsonAsync($"/api/projects/{id}/videos")).EnumerateArray().ToList();
        var clip = Assert.Single(videos);
        var movie = await Http.GetJsonAsync($"/api/projects/{id}/movie");
        Assert.Equal(clip.GetProperty("duration").GetDouble(), movie.GetProperty("duration").GetDouble(), 1);
        var trailerKey = (await Http.GetJsonAsync($"/api/projects/{id}")).GetProperty("trailerKey").GetString();
        var trailer = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(trailerKey!));
        Assert.InRange(trailer.DurationSeconds, 15, 40);
    }

    [Fact]
    public async Task FullRun_FortyScenes_Completes()
    {
        var id = await CreateAsync("Forty", LocalScripts.Scenes(40));
        await StartAsync(id);
        await WaitForCompletedAsync(id);

        var frames = (await Http.GetJsonAsync($"/api/projects/{id}/storyboards")).EnumerateArray().ToList();
        Assert.Equal(40, frames.Count);
        Assert.All(frames, f => Assert.Equal("completed", f.GetProperty("status").GetString()));
        var videos = (await Http.GetJsonAsync($"/api/projects/{id}/videos")).EnumerateArray().ToList();
        var clipKeys = videos.Select(v => v.GetProperty("videoKey").GetString()!).ToList();
        Assert.Equal(40, clipKeys.Distinct().Count());
        Assert.All(clipKeys, key => Assert.StartsWith(PieceFolders.Of(id, "clips"), key, StringComparison.Ordinal));
        Assert.All(videos, v => Assert.Equal("completed", v.GetProperty("status").GetString()));
        var clipSeconds = videos.Sum(v => v.GetProperty("duration").GetDouble());
        var movieKey = (await Http.GetJsonAsync($"/api/projects/{id}/movie")).GetProperty("movieKey").GetString();
        var movie = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(movieKey!));
        Assert.InRange(movie.DurationSeconds, clipSeconds - 0.5, clipSeconds + 0.5);
    }

    private Task<long> CreateAsync(string title, string script) => LocalRuns.CreateAsync(Http, title, script);

    private Task StartAsync(long id) => LocalRuns.StartAsync(Http, id);

    private Task WaitForCompletedAsync(long id) => LocalRuns.WaitForCompletedAsync(Http, id, RunDeadline);

    private static (int Width, int Height) DecodePng(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png)) ?? throw new InvalidDataException("Not an image.");
        using var bitmap = new SKBitmap(codec.Info.Width, codec.Info.Height);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(bitmap.Info, bitmap.GetPixels()));
        return (codec.Info.Width, codec.Info.Height);
    }
}
