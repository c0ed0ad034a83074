using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class WorkflowApiTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private static StringContent FullPipeline() => new("""{"workflowType":"full_pipeline"}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Start_Answers202WithSuccessMessageAndStatus_ThenCompletes()
    {
        var id = await Http.CreateProjectAsync();
        var response = await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        Assert.Equal(id, body.GetProperty("projectId").GetInt64());
        Assert.Equal("parsing", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("version").GetInt64() > 1);

        var done = await Http.WaitForStatusAsync(id, "completed");
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("errorMessage").ValueKind);
        Assert.Equal(3, done.GetProperty("phases").GetArrayLength());
        var project = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal("completed", project.GetProperty("status").GetString());

        var history = (await Http.GetJsonAsync($"/api/workflow/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(done.GetProperty("version").GetInt64(), history[^1].GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Start_WhenTheReminderCannotBeRegistered_Is503WithRetryAfter_ChangesNothing_AndStartsWhenTriedAgain()
    {
        var id = await Http.CreateProjectAsync();
        var grainId = fixture.Cluster.Client.Workflow(id).GetGrainId();
        // "Reminder Service is still initializing", as right after silos restart.
        SharedMemoryStore.Faults[SharedMemoryReminderTable.KeyOf(fixture.Cluster.Options.ClusterId, grainId, RecoveryReminder.Name)] =
            new([InjectedFault.Refuse]);

        var refused = await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "try again");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A 503 says when to try again.");
        var status = await Http.GetJsonAsync($"/api/workflow/{id}/status");
        Assert.Equal("draft", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("version").GetInt64());

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline())).StatusCode);
        await Http.WaitForStatusAsync(id, "completed");
    }

    [Fact]
    public async Task Start_WithoutBody_RunsTheFullPipeline()
    {
        var id = await Http.CreateProjectAsync();
        var response = await Http.PostAsync($"/api/workflow/{id}/start", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Http.WaitForStatusAsync(id, "completed");
    }

    [Fact]
    public async Task PauseAndResume_ThroughHttp_StopAtCheckpointAndGoOn()
    {
        var id = await Http.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        await phase1.Entered;

        var pause = await Http.PostAsync($"/api/workflow/{id}/pause", null);
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
        Assert.True((await pause.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pauseRequested").GetBoolean());
        phase1.OpenGate();
        var paused = await Http.WaitForStatusAsync(id, "paused");
        Assert.Equal(33, paused.GetProperty("progress").GetInt32());
        Assert.True(paused.GetProperty("paused").GetBoolean());

        var resume = await Http.PostAsync($"/api/workflow/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        await Http.WaitForStatusAsync(id, "completed");
    }

    [Fact]
    public async Task WrongStateCommands_Are409SayingTheStatus()
    {
        var id = await Http.CreateProjectAsync();
        await (await Http.PostAsync($"/api/workflow/{id}/pause", null)).AssertProblemAsync(HttpStatusCode.Conflict, "'draft'");
        await (await Http.PostAsync($"/api/workflow/{id}/resume", null)).AssertProblemAsync(HttpStatusCode.Conflict, "'draft'");

        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        await phase1.Entered;
        await (await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline())).AssertProblemAsync(HttpStatusCode.Conflict, "'parsing'");
        await (await Http.PostAsync($"/api/workflow/{id}/resume", null)).AssertProblemAsync(HttpStatusCode.Conflict, "'parsing'");

        phase1.OpenGate();
        await Http.WaitForStatusAsync(id, "completed");
        await (await Http.PostAsync($"/api/workflow/{id}/pause", null)).AssertProblemAsync(HttpStatusCode.Conflict, "'completed'");
    }

    [Fact]
    public async Task FailedPhase_ShowsErrorMessage_AndStartGoesOn()
    {
        var id = await Http.CreateProjectAsync();
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard);
        phase2.FailPermanently = true;
        await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline());
        var failed = await Http.WaitForStatusAsync(id, "failed");
        Assert.Contains("Phase 2 (Trailer to Storyboard)", failed.GetProperty("errorMessage").GetString());
        var project = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal("failed", project.GetProperty("status").GetString());
        Assert.Contains("Phase 2", project.GetProperty("errorMessage").GetString());

        phase2.FailPermanently = false;
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/workflow/{id}/start", FullPipeline())).StatusCode);
        await Http.WaitForStatusAsync(id, "completed");
    }

    [Theory]
    [InlineData("""{"workflowType":"trailer_only"}""", "not a workflow type")]
    [InlineData("""{"workflowType":""", "not valid JSON")]
    [InlineData("""{"workflowType":5}""", "not valid JSON")]
    public async Task Start_WithBadBody_Is400_AndDoesNotStart(string body, string detailPart)
    {
        var id = await Http.CreateProjectAsync();
        var response = await Http.PostAsync($"/api/workflow/{id}/start", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detailPart);
        Assert.Equal("draft", (await Http.GetJsonAsync($"/api/workflow/{id}/status")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Workflow_OnMalformedOrUnknownId_Is400Or404()
    {
        foreach (var (method, path) in new[] { ("POST", "start"), ("GET", "status"), ("POST", "pause"), ("POST", "resume"), ("GET", "history") })
        {
            var bad = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/workflow/x1/{path}"));
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "positive whole numbers");
            var unknown = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/workflow/555555555/{path}"));
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "no project with id 555555555");
        }
    }

    [Fact]
    public async Task Media_UnknownKey_Is404()
    {
        var response = await Http.GetAsync("/api/media/projects/1/storyboard/scene_1.png");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
