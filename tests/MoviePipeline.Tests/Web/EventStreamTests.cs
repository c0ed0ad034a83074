using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Web;

[Collection(WebCollection.Name)]
public sealed class EventStreamTests(WebFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private static StringContent FullPipeline() => new("""{"workflowType":"full_pipeline"}""", Encoding.UTF8, "application/json");

    private async Task<long[]> HistoryVersionsAsync(long id) =>
        [.. (await Http.GetJsonAsync($"/api/workflow/{id}/history")).EnumerateArray().Select(e => e.GetProperty("version").GetInt64())];

    [Fact]
    public async Task Events_ConnectedFromTheStart_GetEveryVersionInOrder_AndEndAfterCompleted()
    {
        var id = await Http.CreateProjectAsync();
        var storyboard = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        await using var stream = await EventStreamClient.OpenAsync(Http, id);
        Assert.Equal("no-cache", stream.Response.Headers.CacheControl?.ToString());

        var first = await stream.NextAsync();
        Assert.NotNull(first);
        Assert.Equal((1L, "status", "draft"), (first.Id, first.Event, first.Status));

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline())).StatusCode);
        var untilHeld = await stream.ReadUntilAsync(e => e.Status == "generating_storyboard");
        await storyboard.Entered;
        storyboard.OpenGate();
        var rest = await stream.ReadUntilAsync(e => e.Status == "completed");
        Assert.Null(await stream.NextAsync()); // the server ended the stream

        var versions = new[] { first }.Concat(untilHeld).Concat(rest).Select(e => e.Id).ToArray();
        Assert.Equal(await HistoryVersionsAsync(id), versions);
        Assert.Equal(Enumerable.Range(1, versions.Length).Select(v => (long)v), versions);
        Assert.Equal(100, rest[^1].Progress);
        Assert.Equal(id, rest[^1].Data.GetProperty("projectId").GetInt64());
        // Progress steps inside a phase come through too (the test's movie phase reports 50% and 90%).
        Assert.Contains(rest, e => e.Status == "assembling");
    }

    [Fact]
    public async Task Events_DroppedAndResumedOnAnotherGateway_MissNoneAndRepeatNone()
    {
        var id = await Http.CreateProjectAsync();
        var script = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var movie = fixture.Phase(id, WorkflowPhase.StoryboardToMovie).HoldAtGate();

        var seen = new List<ServerSentEvent>();
        await using (var first = await EventStreamClient.OpenAsync(fixture.Gateways[0].Http, id))
        {
            seen.Add((await first.NextAsync())!);
            await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
            seen.AddRange(await first.ReadUntilAsync(e => e.Status == "parsing"));
        }

        // Changes made while no one listens: phase 1 completes, phase 2 runs, phase 3 starts and waits.
        await script.Entered;
        script.OpenGate();
        await movie.Entered;

        await using var second = await EventStreamClient.OpenAsync(fixture.Gateways[1].Http, id, lastEventId: seen[^1].Id);
        var resumed = await second.NextAsync();
        Assert.Equal(seen[^1].Id + 1, resumed!.Id);
        seen.Add(resumed);
        movie.OpenGate();
        seen.AddRange(await second.ReadUntilAsync(e => e.Status == "completed"));
        Assert.Null(await second.NextAsync());

        var versions = seen.Select(e => e.Id).ToArray();
        Assert.Equal(versions.Distinct(), versions);
        Assert.Equal(await HistoryVersionsAsync(id), versions);
    }

    [Fact]
    public async Task Events_OfAFinishedWorkflow_SendTheLastChangeOnce_ThenNoContentForAClientThatHasIt()
    {
        var id = await Http.CreateProjectAsync();
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        var done = await Http.WaitForStatusAsync(id, "completed");
        var version = done.GetProperty("version").GetInt64();

        await using (var stream = await EventStreamClient.OpenAsync(Http, id))
        {
            var only = await stream.NextAsync();
            Assert.Equal((version, "completed"), (only!.Id, only.Status));
            Assert.Null(await stream.NextAsync());
        }

        // 204 is what tells a browser's EventSource to stop reconnecting.
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow/{id}/events");
        request.Headers.Add("Last-Event-ID", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(request)).StatusCode);

        // A client a few versions behind gets exactly the ones it missed.
        await using var behind = await EventStreamClient.OpenAsync(Http, id, lastEventId: version - 2);
        Assert.Equal([version - 1, version], (await behind.ReadUntilAsync(e => e.Status == "completed")).Select(e => e.Id));
    }

    [Fact]
    public async Task Events_OfAnIdleWorkflow_KeepTheConnectionOpenWithComments()
    {
        var id = await Http.CreateProjectAsync();
        await using var stream = await EventStreamClient.OpenAsync(Http, id);
        Assert.Equal(500, (await stream.NextAsync()) is not null ? stream.RetryMilliseconds : null);

        var reading = stream.NextAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (stream.Comments < 2 && DateTime.UtcNow < deadline) await Task.WhenAny(reading, Task.Delay(50));
        Assert.True(stream.Comments >= 2, $"Expected keep-alive comments every {WebFixture.Heartbeat.TotalMilliseconds} ms; got {stream.Comments}.");
        Assert.False(reading.IsCompleted); // no event, and the stream is still open
    }

    [Fact]
    public async Task Events_OnMalformedOrUnknownIdOrVersion_Are400Or404()
    {
        await (await Http.GetAsync("/api/workflow/x1/events")).AssertProblemAsync(HttpStatusCode.BadRequest, "positive whole numbers");
        await (await Http.GetAsync("/api/workflow/555555555/events")).AssertProblemAsync(HttpStatusCode.NotFound, "no project with id 555555555");

        var id = await Http.CreateProjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow/{id}/events");
        request.Headers.Add("Last-Event-ID", "seven");
        await (await Http.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "Last-Event-ID header 'seven' is not a version");
        await (await Http.GetAsync($"/api/workflow/{id}/events?after=-1")).AssertProblemAsync(HttpStatusCode.BadRequest, "'after' parameter '-1'");
    }

    [Fact]
    public async Task History_After_ReturnsOnlyLaterChanges()
    {
        var id = await Http.CreateProjectAsync();
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        await Http.WaitForStatusAsync(id, "completed");
        var all = await HistoryVersionsAsync(id);

        var later = (await Http.GetJsonAsync($"/api/workflow/{id}/history?after=3")).EnumerateArray()
            .Select(e => e.GetProperty("version").GetInt64());
        Assert.Equal(all.Where(v => v > 3), later);
        await (await Http.GetAsync($"/api/workflow/{id}/history?after=x")).AssertProblemAsync(HttpStatusCode.BadRequest, "not a version number");
    }

    [Fact]
    public async Task History_IsPartOfThePersistedState_WithTransitionsAndProgressSteps()
    {
        var id = await Http.CreateProjectAsync();
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        var done = await Http.WaitForStatusAsync(id, "completed");

        // Read what storage holds, not what the activation remembers.
        var grainId = fixture.Grains.GetGrain<IProjectWorkflowGrain>(id).GetGrainId();
        var key = $"{fixture.Cluster.Options.ClusterId}/workflow/{grainId}";
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>();
        var stored = serializer.Deserialize<WorkflowState>(Infrastructure.SharedMemoryStore.States[key].Payload)!;

        Assert.Equal(done.GetProperty("version").GetInt64(), stored.Version);
        Assert.Equal(Enumerable.Range(1, (int)stored.Version).Select(v => (long)v), stored.History.Select(e => e.Version));
        Assert.Contains(stored.History, e => e.Status == WorkflowStatusCode.Parsed && e.Progress == 33);
        Assert.Contains(stored.History, e => e.Status == WorkflowStatusCode.GeneratingVideos && e.Progress is > 66 and < 100);
        Assert.Equal(WorkflowStatusCode.Completed, stored.History[^1].Status);
        var api = (await Http.GetJsonAsync($"/api/workflow/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(stored.History.Select(e => StatusNames.ToApi(e.Status)), api.Select(e => e.GetProperty("status").GetString()));
    }
}
