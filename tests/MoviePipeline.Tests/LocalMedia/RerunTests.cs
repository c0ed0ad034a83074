using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using static MoviePipeline.Tests.LocalMedia.RerunScripts;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>
/// Editing a project and making its movie again, with local media: each piece of work is found by its inputs, so a
/// run makes only what changed, and the movie is the one a new project of the edited script would get.
/// </summary>
[Collection(LocalMediaCollection.Name)]
public sealed class RerunTests(LocalMediaFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task RunAgain_WithNoChange_MakesNothing_AndTheMovieIsTheSame()
    {
        var id = await MadeAsync("Unchanged", Write(Twelve));
        var first = await OutputsAsync(id);
        var movie = await fixture.Store.ReadAllBytesAsync(first.Movie.Key);

        using var tools = fixture.CountSiloToolRuns();
        await LocalRuns.StartAsync(Http, id); // the client's "Generate Movie" on a completed project
        var status = await LocalRuns.WaitForCompletedAsync(Http, id);

        Assert.Equal(0, tools.Total);
        var again = await OutputsAsync(id);
        Assert.All(again.Frames.Concat(again.Clips).Append(again.Movie), piece => Assert.True(piece.Reused, piece.Key));
        Assert.Equal(first.Frames.Select(f => f.Key), again.Frames.Select(f => f.Key));
        Assert.Equal(first.Clips.Select(c => c.Key), again.Clips.Select(c => c.Key));
        Assert.Equal(movie, await fixture.Store.ReadAllBytesAsync(again.Movie.Key));
        Assert.All(status.GetProperty("phases").EnumerateArray(), phase =>
            Assert.Equal((0, 12), (phase.GetProperty("scenesMade").GetInt32(), phase.GetProperty("scenesReused").GetInt32())));
        var history = await Http.GetJsonAsync($"/api/workflow/{id}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("message").GetString() == "The movie is ready (0 scenes made, 12 reused).");
    }

    [Fact]
    public async Task Edit_OneLineOfDialogue_RemakesThatLineAndClipOnly_AndTheMovieIsANewProjectsMovie()
    {
        var id = await MadeAsync("One line", Write(Twelve));
        var first = await OutputsAsync(id);
        List<Scene> edited = [.. Twelve];
        edited[4] = edited[4] with { Lines = [("HARRIS", "Another one."), ("HARRIS", "Make it a triple.")] };

        var project = await LocalRuns.EditAsync(Http, id, new { scriptContent = Write(edited) });
        Assert.Equal(2, project.GetProperty("revision").GetInt32());
        Assert.Equal("draft", project.GetProperty("status").GetString());
        using var tools = fixture.CountSiloToolRuns();
        await LocalRuns.StartAsync(Http, id);
        await LocalRuns.WaitForCompletedAsync(Http, id);

        // One line spoken, one clip made; every frame found drawn.
        Assert.Equal(1, tools["espeak-ng"]);
        var again = await OutputsAsync(id);
        Assert.All(again.Frames, f => Assert.True(f.Reused, f.Key));
        Assert.Equal([5], again.Clips.Where(c => !c.Reused).Select(c => c.Scene));
        Assert.Equal(first.Clips.Where(c => c.Scene != 5).Select(c => c.Key), again.Clips.Where(c => c.Scene != 5).Select(c => c.Key));
        Assert.False(again.Movie.Reused);

        var fresh = await MadeAsync("One line, new", Write(edited));
        await AssertSameMovieAsync((await OutputsAsync(fresh)).Movie.Key, again.Movie.Key);
    }

    [Fact]
    public async Task Edit_ACharactersDescription_RedrawsTheScenesThatCharacterIsIn_AndNoOthers()
    {
        var id = await MadeAsync("Raincoat", Write(Twelve));
        var first = await OutputsAsync(id);
        List<Scene> edited = [.. Twelve];
        edited[0] = edited[0] with { Action = "SARAH (30s), a lighthouse keeper in a green raincoat, reads a letter by candlelight." };

        await LocalRuns.EditAsync(Http, id, new { scriptContent = Write(edited) });
        using var tools = fixture.CountSiloToolRuns();
        await LocalRuns.StartAsync(Http, id);
        await LocalRuns.WaitForCompletedAsync(Http, id);

        var withSarah = (await Http.GetJsonAsync($"/api/projects/{id}/scenes")).EnumerateArray()
            .Where(s => JsonSerializer.Deserialize<string[]>(s.GetProperty("characters").GetString()!)!.Contains("SARAH"))
            .Select(s => s.GetProperty("sceneNumber").GetInt32()).ToList();
        Assert.Equal([1, 4, 7, 9, 10, 11], withSarah);
        var again = await OutputsAsync(id);
        Assert.Equal(withSarah, again.Frames.Where(f => f.Key != first.Frames[f.Scene - 1].Key).Select(f => f.Scene));
        Assert.Equal(withSarah, again.Frames.Where(f => !f.Reused).Select(f => f.Scene));
        // A clip is made of the picture, not of the prompt: only where the drawing changed (scene 1's caption) is
        // a clip made again; the other redrawn frames came out the same, so their clips are found made.
        Assert.Equal([1], again.Clips.Where(c => !c.Reused).Select(c => c.Scene));
        Assert.Equal(0, tools["espeak-ng"]); // the lines did not change, so no line was spoken again
    }

    [Fact]
    public async Task Edit_SceneInsertedDeletedAndSwapped_ReusesEveryKeptScene_InTheNewOrder()
    {
        var id = await MadeAsync("Reordered", Write(Twelve));
        var first = await OutputsAsync(id);
        // Scenes 1, 2, a new one, 3, 4, 5, 7, 8, 10, 9, 11, 12: the bakery inserted, the beach gone, 9 and 10 swapped.
        int[] kept = [1, 2, 0, 3, 4, 5, 7, 8, 10, 9, 11, 12];
        var edited = kept.Select(n => n == 0 ? Bakery : Twelve[n - 1]).ToList();

        await LocalRuns.EditAsync(Http, id, new { scriptContent = Write(edited) });
        await LocalRuns.StartAsync(Http, id);
        var status = await LocalRuns.WaitForCompletedAsync(Http, id);

        var again = await OutputsAsync(id);
        Assert.Equal(12, again.Clips.Count);
        for (var i = 0; i < kept.Length; i++)
        {
            if (kept[i] == 0)
            {
                Assert.False(again.Frames[i].Reused);
                Assert.False(again.Clips[i].Reused);
                continue;
            }
            // The original scene's own frame and clip, now at place i + 1.
            Assert.Equal(first.Frames[kept[i] - 1].Key, again.Frames[i].Key);
            Assert.Equal(first.Clips[kept[i] - 1].Key, again.Clips[i].Key);
            Assert.True(again.Clips[i].Reused);
        }
        var movie = status.GetProperty("phases")[2];
        Assert.Equal((1, 11), (movie.GetProperty("scenesMade").GetInt32(), movie.GetProperty("scenesReused").GetInt32()));

        // The movie's subtitles follow the new order.
        var subtitles = await File.ReadAllTextAsync(fixture.Store.GetLocalPath(again.Movie.Key.Replace(".mp4", ".srt", StringComparison.Ordinal)));
        int[] order = [.. new[] { "She never comes.", "One for the lighthouse.", "Late again.", "Almost home.", "You came." }
            .Select(line => subtitles.IndexOf(line, StringComparison.Ordinal))];
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain("Seven skips!", subtitles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WhileRunning_Is409AndChangesNothing()
    {
        var id = await LocalRuns.CreateAsync(Http, "Busy", Write(Twelve.Take(2)));
        var phase2 = fixture.Phase(id, MoviePipeline.Workflow.WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        await LocalRuns.StartAsync(Http, id);
        await phase2.Entered.WaitAsync(LocalRuns.RunDeadline);

        var response = await Http.PatchAsJsonAsync($"/api/projects/{id}", new { title = "Renamed" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("running", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        phase2.OpenGate();
        await LocalRuns.WaitForCompletedAsync(Http, id);
        var project = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(("Busy", 1), (project.GetProperty("title").GetString(), project.GetProperty("revision").GetInt32()));
    }

    private async Task<long> MadeAsync(string title, string script)
    {
        var id = await LocalRuns.CreateAsync(Http, title, script);
        await LocalRuns.StartAsync(Http, id);
        await LocalRuns.WaitForCompletedAsync(Http, id);
        return id;
    }

    private sealed record Piece(int Scene, string Key, bool Reused);

    private sealed record Outputs(List<Piece> Frames, List<Piece> Clips, Piece Movie);

    private async Task<Outputs> OutputsAsync(long id)
    {
        static List<Piece> Read(JsonElement list, string key) =>
            [.. list.EnumerateArray().Select((e, i) => new Piece(i + 1, e.GetProperty(key).GetString()!, e.GetProperty("reused").GetBoolean()))];
        var movie = await Http.GetJsonAsync($"/api/projects/{id}/movie");
        return new Outputs(
            Read(await Http.GetJsonAsync($"/api/projects/{id}/storyboards"), "imageKey"),
            Read(await Http.GetJsonAsync($"/api/projects/{id}/videos"), "videoKey"),
            new Piece(0, movie.GetProperty("movieKey").GetString()!, movie.GetProperty("reused").GetBoolean()));
    }

    /// <summary>Frame for frame and sample for sample, and the same subtitles.</summary>
    private async Task AssertSameMovieAsync(string expectedKey, string actualKey)
    {
        foreach (var stream in new[] { "0:v:0", "0:a:0" })
        {
            var expected = await DecodedMovie.FrameHashesAsync(fixture.Store.GetLocalPath(expectedKey), stream);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await DecodedMovie.FrameHashesAsync(fixture.Store.GetLocalPath(actualKey), stream));
        }
        Assert.Equal(
            await File.ReadAllTextAsync(fixture.Store.GetLocalPath(expectedKey.Replace(".mp4", ".srt", StringComparison.Ordinal))),
            await File.ReadAllTextAsync(fixture.Store.GetLocalPath(actualKey.Replace(".mp4", ".srt", StringComparison.Ordinal))));
    }
}
