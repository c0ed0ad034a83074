using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Gateway;

/// <summary>
/// The OpenAPI document tells the truth: every answer the gateway gives to a client's calls, errors included, has its
/// status documented for that operation, and its JSON body matches the documented schema.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiConformanceTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task EveryAnswerOfAProjectsLife_IsOneTheDocumentDescribes()
    {
        var contract = await OpenApiContract.LoadAsync(Http);
        var violations = new List<string>();
        var calls = 0;

        async Task<HttpResponseMessage> Call(HttpMethod method, string template, string path, HttpContent? body = null)
        {
            var response = await Http.SendAsync(new HttpRequestMessage(method, path) { Content = body });
            violations.AddRange(await contract.ViolationsAsync(method, template, response));
            calls++;
            return response;
        }

        static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        var reads = new[]
        {
            "/api/projects/{id}", "/api/projects/{id}/scenes", "/api/projects/{id}/characters", "/api/projects/{id}/settings",
            "/api/projects/{id}/storyboards", "/api/projects/{id}/videos", "/api/projects/{id}/movie",
            "/api/workflow/{id}/status", "/api/workflow/{id}/history",
        };

        // Bad input, before anything exists.
        await Call(HttpMethod.Post, "/api/projects", "/api/projects", Json("""{"title":"","scriptContent":"x"}"""));
        await Call(HttpMethod.Post, "/api/projects", "/api/projects", Json("""{"title":5,"scriptContent":"x"}"""));
        await Call(HttpMethod.Post, "/api/projects", "/api/projects", new StringContent("title=x", Encoding.UTF8, "text/plain"));
        await Call(HttpMethod.Post, "/api/projects", "/api/projects",
            JsonContent.Create(new { title = "Big", scriptContent = new string('a', 2 * 1024 * 1024 + 1) }));
        foreach (var read in reads)
        {
            await Call(HttpMethod.Get, read, read.Replace("{id}", "abc"));
            await Call(HttpMethod.Get, read, read.Replace("{id}", "987654321"));
        }
        await Call(HttpMethod.Post, "/api/workflow/{id}/start", "/api/workflow/987654321/start");
        await Call(HttpMethod.Post, "/api/workflow/{id}/pause", "/api/workflow/987654321/pause");

        // A project from creation to its end, reading everything at each stage.
        var created = await Call(HttpMethod.Post, "/api/projects", "/api/projects",
            Json($$"""{"title":"Contract","scriptContent":{{JsonSerializer.Serialize(HttpHelpers.Script)}}}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetInt64();
        await Call(HttpMethod.Get, "/api/projects", "/api/projects");
        foreach (var read in reads) await Call(HttpMethod.Get, read, read.Replace("{id}", $"{id}"));
        await Call(HttpMethod.Post, "/api/workflow/{id}/pause", $"/api/workflow/{id}/pause"); // 409: not running
        await Call(HttpMethod.Post, "/api/workflow/{id}/start", $"/api/workflow/{id}/start", Json("""{"workflowType":"other"}"""));

        // Storage refuses: 503 with a problem detail.
        var grainId = fixture.Cluster.Client.Workflow(id).GetGrainId();
        SharedMemoryStore.Faults[SharedMemoryReminderTable.KeyOf(fixture.Cluster.Options.ClusterId, grainId, RecoveryReminder.Name)] =
            new([InjectedFault.Refuse]);
        var refused = await Call(HttpMethod.Post, "/api/workflow/{id}/start", $"/api/workflow/{id}/start", Json("""{"workflowType":"full_pipeline"}"""));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        var started = await Call(HttpMethod.Post, "/api/workflow/{id}/start", $"/api/workflow/{id}/start", Json("""{"workflowType":"full_pipeline"}"""));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Call(HttpMethod.Post, "/api/workflow/{id}/resume", $"/api/workflow/{id}/resume"); // 409 (or 202 if it paused meanwhile)
        var done = await Http.WaitForStatusAsync(id, "completed");
        foreach (var read in reads) await Call(HttpMethod.Get, read, read.Replace("{id}", $"{id}"));
        await Call(HttpMethod.Post, "/api/workflow/{id}/pause", $"/api/workflow/{id}/pause"); // 409: completed
        await Call(HttpMethod.Get, "/api/workflow/{id}/events", $"/api/workflow/{id}/events?after={done.GetProperty("version").GetInt64()}"); // 204
        await Call(HttpMethod.Get, "/api/workflow/{id}/events", $"/api/workflow/{id}/events?after=x");
        await Call(HttpMethod.Get, "/api/system/health", "/api/system/health");

        Assert.True(violations.Count == 0, $"{violations.Count} of {calls} answers are not what the document describes:\n{string.Join("\n", violations)}");
    }

    [Theory]
    [InlineData("GET", "/no/such/page", HttpStatusCode.NotFound, "nothing at /no/such/page")]
    [InlineData("DELETE", "/api/projects", HttpStatusCode.MethodNotAllowed, "it takes GET, POST")]
    [InlineData("PUT", "/api/workflow/1/start", HttpStatusCode.MethodNotAllowed, "it takes POST")]
    public async Task AnswersTheFrameworkGives_SayWhatHappened(string method, string path, HttpStatusCode status, string detail)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync(status, detail);
    }

    [Fact]
    public async Task ATooLongAddress_Is414WithASentence()
    {
        var response = await Http.GetAsync("/api/projects?q=" + new string('a', 9000));
        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "at most 8,192");
    }

    [Fact]
    public async Task TooManyHeaderBytes_Is431WithASentence()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.Add("X-Padding", new string('a', 40_000));
        var response = await Http.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "at most 32,768");
    }

    [Theory]
    [InlineData("""{"title":5,"scriptContent":"x"}""", "at 'title': it should be a string")]
    [InlineData("""{"title":"a","scriptContent":["x"]}""", "at 'scriptContent': it should be a string")]
    [InlineData("""[1]""", "it should be a JSON object")]
    public async Task AValueOfTheWrongType_IsNamedWithoutDotNetTypes(string body, string detail)
    {
        var response = await Http.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detail);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("MoviePipeline.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }
}
