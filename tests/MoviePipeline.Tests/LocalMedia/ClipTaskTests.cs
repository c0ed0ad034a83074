using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using SkiaSharp;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>docs/api.md "Test Video": an uploaded image to a playable clip, through the gateway and a media silo.</summary>
[Collection(LocalMediaCollection.Name)]
public sealed class ClipTaskTests(LocalMediaFixture fixture)
{
    private const string Path = "/api/phases/storyboard-to-movie/test-image-to-video";

    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", 5)]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", 10)]
    public async Task Upload_MakesAPlayableClipOfTheDuration_ThatOnlyItsCreatorSees(SKEncodedImageFormat format, string type, int seconds)
    {
        var submitted = await Http.PostAsync(Path, Form(Picture(format), type, "a lighthouse at dawn", seconds.ToString()));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var task = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = task.GetProperty("task_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", taskId);
        Assert.Equal(seconds, task.GetProperty("duration").GetInt32());
        Assert.Equal("a lighthouse at dawn", task.GetProperty("prompt").GetString());

        var done = await WaitForEndAsync(Http, taskId);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var url = done.GetProperty("video_url").GetString()!;
        Assert.StartsWith("/api/media/tasks/", url);
        var video = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        var probed = await fixture.Probe.ProbeAsync(fixture.Store.GetLocalPath(url["/api/media/".Length..]));
        Assert.InRange(probed.DurationSeconds, seconds - 0.1, seconds + 0.1);
        Assert.Equal(LocalMediaSettings.VideoWidth, probed.VideoStreams.Single().Width);
        Assert.True((await fixture.Probe.CheckDecodesAsync(fixture.Store.GetLocalPath(url["/api/media/".Length..]))).DecodesCleanly);

        // Another user: the task and its video do not exist for them.
        using var other = await fixture.NewClient().SignUpAsync();
        await (await other.GetAsync($"{Path}/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound, "no test video task");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task BadUploads_Answer400WithASentence()
    {
        var png = Picture(SKEncodedImageFormat.Png);
        var cases = new (HttpContent Body, string Detail)[]
        {
            (Form([], "image/png", "x", "5"), "The image is empty."),
            (Form(new byte[10 * 1024 * 1024 + 1], "image/png", "x", "5"), "it may be at most 10 MiB"),
            (Form(Encoding.UTF8.GetBytes("this is not a picture at all"), "image/png", "x", "5"), "not a PNG or JPEG"),
            (Form(png[..(png.Length / 2)], "image/png", "x", "5"), "damaged"),
            (Form(png, "image/png", "x", "7"), "must be 5 or 10"),
            (Form(png, "image/png", "x", null), "must be 5 or 10"),
            (new MultipartFormDataContent { { new StringContent("5"), "duration" } }, "form field 'image'"),
        };
        foreach (var (body, detail) in cases)
            await (await Http.PostAsync(Path, body)).AssertProblemAsync(HttpStatusCode.BadRequest, detail);

        var json = await Http.PostAsync(Path, new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True((int)json.StatusCode is 400 or 415, $"a JSON body answered {(int)json.StatusCode}");
        await (await Http.GetAsync($"{Path}/not-a-task")).AssertProblemAsync(HttpStatusCode.NotFound, "no test video task");
        await (await Http.GetAsync($"{Path}/{Guid.NewGuid():N}")).AssertProblemAsync(HttpStatusCode.NotFound, "no test video task");
        using var anonymous = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Path, Form(png, "image/png", "x", "5"))).StatusCode);
    }

    /// <summary>Waits for the task to leave "processing" (there is no change notification for tasks: it is asked again, with a deadline).</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient http, string taskId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = await http.GetJsonAsync($"{Path}/{taskId}");
            if (status.GetProperty("status").GetString() != "processing") return status;
            if (deadline.Elapsed > Deadlines.Seconds(120)) throw new TimeoutException($"Task {taskId} is still processing.");
            await Task.Delay(250);
        }
    }

    public static MultipartFormDataContent Form(byte[] image, string type, string prompt, string? duration)
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { file, "image", "picture" }, { new StringContent(prompt), "prompt" } };
        if (duration is not null) form.Add(new StringContent(duration), "duration");
        return form;
    }

    /// <summary>A small picture with something in it.</summary>
    public static byte[] Picture(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(320, 240);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 60, 120));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(160, 120, 60, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
