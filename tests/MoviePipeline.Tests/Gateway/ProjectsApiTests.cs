using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MoviePipeline.Tests.Infrastructure;

namespace MoviePipeline.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class ProjectsApiTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Health_Answers_Ok()
    {
        var body = await Http.GetJsonAsync("/api/system/health");
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryEndpoint()
    {
        var doc = await Http.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[]
        {
            "/api/projects", "/api/projects/{id}", "/api/projects/{id}/scenes", "/api/projects/{id}/characters",
            "/api/projects/{id}/settings", "/api/projects/{id}/storyboards", "/api/projects/{id}/videos",
            "/api/projects/{id}/movie", "/api/workflow/{id}/start", "/api/workflow/{id}/status",
            "/api/workflow/{id}/pause", "/api/workflow/{id}/resume", "/api/system/health",
        })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsProjectWithEveryField()
    {
        var id = await Http.CreateProjectAsync("  Harbour  ");
        var project = await Http.GetJsonAsync($"/api/projects/{id}");

        Assert.Equal(id, project.GetProperty("id").GetInt64());
        var me = await Http.GetJsonAsync("/api/auth/me");
        Assert.Equal(me.GetProperty("id").GetInt64(), project.GetProperty("userId").GetInt64());
        Assert.Equal("Harbour", project.GetProperty("title").GetString());
        Assert.Equal("A test", project.GetProperty("description").GetString());
        Assert.Equal(HttpHelpers.Script, project.GetProperty("scriptContent").GetString());
        Assert.Equal("draft", project.GetProperty("status").GetString());
        Assert.Equal(0, project.GetProperty("progress").GetInt32());
        foreach (var nullField in new[] { "errorMessage", "trailerUrl", "trailerKey" })
            Assert.Equal(JsonValueKind.Null, project.GetProperty(nullField).ValueKind);
        var created = project.GetProperty("createdAt").GetDateTime();
        Assert.Equal(DateTimeKind.Utc, created.Kind);
        Assert.True(project.GetProperty("updatedAt").GetDateTime() >= created);

        var list = await Http.GetJsonAsync("/api/projects");
        var summary = list.EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == id);
        Assert.Equal("draft", summary.GetProperty("status").GetString());
        Assert.False(summary.TryGetProperty("scriptContent", out _));
    }

    [Fact]
    public async Task List_IsNewestFirst()
    {
        var older = await Http.CreateProjectAsync("Older");
        var newer = await Http.CreateProjectAsync("Newer");
        var ids = (await Http.GetJsonAsync("/api/projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(newer) < ids.IndexOf(older));
    }

    [Fact]
    public async Task Outputs_OfNewProject_AreEmpty()
    {
        var id = await Http.CreateProjectAsync();
        foreach (var part in new[] { "scenes", "characters", "settings", "storyboards", "videos" })
            Assert.Empty((await Http.GetJsonAsync($"/api/projects/{id}/{part}")).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, (await Http.GetJsonAsync($"/api/projects/{id}/movie")).ValueKind);
    }

    [Fact]
    public async Task Scenes_AfterRun_HaveApiShape()
    {
        var id = await Http.CreateProjectAsync();
        (await Http.PostAsJsonAsync($"/api/workflow/{id}/start", new { workflowType = "full_pipeline" })).EnsureSuccessStatusCode();
        await Http.WaitForStatusAsync(id, "completed");

        var scenes = (await Http.GetJsonAsync($"/api/projects/{id}/scenes")).EnumerateArray().ToList();
        Assert.Equal(2, scenes.Count);
        Assert.Equal([1, 2], scenes.Select(s => s.GetProperty("order").GetInt32()));
        var first = scenes[0];
        Assert.Equal(id, first.GetProperty("projectId").GetInt64());
        Assert.Equal(1, first.GetProperty("sceneNumber").GetInt32());
        Assert.Equal("INT. KITCHEN - NIGHT", first.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("characters").ValueKind);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(first.GetProperty("characters").GetString()!).RootElement.ValueKind);
        Assert.True(first.GetProperty("duration").GetDouble() > 0);
        Assert.NotEqual(scenes[0].GetProperty("id").GetInt64(), scenes[1].GetProperty("id").GetInt64());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "JSON body" },
        { "{not json", "not valid JSON" },
        { "[1,2]", "not valid JSON" },
        { """{"scriptContent":"INT. A - DAY"}""", "title is missing" },
        { """{"title":"   ","scriptContent":"INT. A - DAY"}""", "title is missing" },
        { """{"title":12,"scriptContent":"INT. A - DAY"}""", "title" },
        { """{"title":"Ok"}""", "script is empty" },
        { """{"title":"Ok","scriptContent":"  \n "}""", "script is empty" },
        { "{\"title\":\"" + new string('x', 201) + "\",\"scriptContent\":\"INT. A - DAY\"}", "at most 200" },
        { "{\"title\":\"" + string.Concat(Enumerable.Repeat("\U0001F3AC", 201)) + "\",\"scriptContent\":\"INT. A - DAY\"}", "has 201 characters" },
        { """{"title":"Bad\u0000Title","scriptContent":"INT. A - DAY"}""", "control character (U+0000) at position 4" },
        { """{"title":"Two\nlines","scriptContent":"INT. A - DAY"}""", "control character" },
        { """{"title":"evil\u202Egnp.exe","scriptContent":"INT. A - DAY"}""", "bidirectional override" },
        { """{"title":"Half \ud83c","scriptContent":"INT. A - DAY"}""", "not valid JSON" }, // the JSON reader refuses a lone surrogate itself
        { """{"title":"Ok","description":"fine\nbut \u2066isolated","scriptContent":"INT. A - DAY"}""", "description contains a bidirectional" },
    };

    [Fact]
    public async Task Create_TitleOf200Emoji_IsTwoHundredCharacters_AndADescriptionMayHaveLines()
    {
        var title = string.Concat(Enumerable.Repeat("\U0001F3AC", 200));
        var response = await Http.PostAsJsonAsync("/api/projects",
            new { title, description = "Line one\nLine two\ttabbed", scriptContent = "INT. A - DAY" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetInt64();
        Assert.Equal(title, (await Http.GetJsonAsync($"/api/projects/{id}")).GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_WithBadBody_Is400WithDetail_AndCreatesNothing(string body, string detailPart)
    {
        var before = (await Http.GetJsonAsync("/api/projects")).GetArrayLength();
        var response = await Http.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detailPart);
        Assert.Equal(before, (await Http.GetJsonAsync("/api/projects")).GetArrayLength());
    }

    public static TheoryData<string, string> BadEdits => new()
    {
        { "", "at least one of" },
        { "{}", "at least one of" },
        { """{"status":"completed"}""", "at least one of" },
        { "{not json", "not valid JSON" },
        { """{"title":"   "}""", "title is missing" },
        { """{"title":"Two\nlines"}""", "control character" },
        { "{\"title\":\"" + new string('x', 201) + "\"}", "at most 200" },
        { """{"scriptContent":" \n "}""", "script is empty" },
        { """{"description":"evil‮gnp"}""", "bidirectional override" },
        { "{\"title\":\"Fine\",\"scriptContent\":\"\"}", "script is empty" }, // one bad field refuses the whole edit
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task Edit_WithBadBody_Is400WithDetail_AndChangesNothing(string body, string detailPart)
    {
        var id = await Http.CreateProjectAsync("Before");
        var before = await Http.GetJsonAsync($"/api/projects/{id}");

        var response = await Http.PatchAsync($"/api/projects/{id}", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, detailPart);
        var after = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(
            (before.GetProperty("title").GetString(), before.GetProperty("scriptContent").GetString(), 1, "draft"),
            (after.GetProperty("title").GetString(), after.GetProperty("scriptContent").GetString(), after.GetProperty("revision").GetInt32(),
             after.GetProperty("status").GetString()));
        Assert.Equal(before.GetProperty("updatedAt").GetString(), after.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task Edit_ChangesOnlyTheFieldsGiven_AndEveryEditIsANewRevisionInTheHistory()
    {
        var id = await Http.CreateProjectAsync("Harbour");
        var script = (await Http.GetJsonAsync($"/api/projects/{id}")).GetProperty("scriptContent").GetString();

        var titled = await (await Http.PatchAsJsonAsync($"/api/projects/{id}", new { title = "  Harbour at night " })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Harbour at night", script, 2), (titled.GetProperty("title").GetString(), titled.GetProperty("scriptContent").GetString(), titled.GetProperty("revision").GetInt32()));

        var rewritten = await (await Http.PatchAsJsonAsync($"/api/projects/{id}", new { scriptContent = "INT. PIER - NIGHT\n\nWaves.", description = "New." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Harbour at night", "INT. PIER - NIGHT\n\nWaves.", "New.", 3),
            (rewritten.GetProperty("title").GetString(), rewritten.GetProperty("scriptContent").GetString(),
             rewritten.GetProperty("description").GetString(), rewritten.GetProperty("revision").GetInt32()));
        Assert.Equal(3, (await Http.GetJsonAsync($"/api/workflow/{id}/status")).GetProperty("revision").GetInt32());
        var history = (await Http.GetJsonAsync($"/api/workflow/{id}/history")).EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], history.Select(e => e.GetProperty("revision").GetInt32()));
        Assert.StartsWith("Revision 3 saved.", history[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Harbour at night", (await Http.GetJsonAsync("/api/projects")).EnumerateArray()
            .Single(p => p.GetProperty("id").GetInt64() == id).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Edit_OfAProjectThatDoesNotExist_Is404()
    {
        var response = await Http.PatchAsJsonAsync("/api/projects/987654321", new { title = "Nothing" });
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "There is no project with id 987654321.");
    }

    [Fact]
    public async Task Create_WithABodyThatIsNotJson_Is415WithDetail_AndCreatesNothing()
    {
        var before = (await Http.GetJsonAsync("/api/projects")).GetArrayLength();
        var response = await Http.PostAsync("/api/projects", new StringContent("title=Harbour", Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
        Assert.Equal(before, (await Http.GetJsonAsync("/api/projects")).GetArrayLength());
    }

    [Fact]
    public async Task Create_WithScriptOver2MiB_Is413()
    {
        var script = "INT. ROOM - DAY\n" + new string('a', 2 * 1024 * 1024);
        var response = await Http.PostAsJsonAsync("/api/projects", new { title = "Big", scriptContent = script });
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "at most 2 MiB");
    }

    [Fact]
    public async Task Create_WithScriptOfExactly2MiB_IsAccepted()
    {
        var script = "INT. ROOM - DAY\n" + new string('a', 2 * 1024 * 1024 - 16);
        var response = await Http.PostAsJsonAsync("/api/projects", new { title = "Big", scriptContent = script });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task Get_WithMalformedId_Is400(string id)
    {
        foreach (var path in new[] { "", "/scenes", "/characters", "/settings", "/storyboards", "/videos", "/movie" })
            await (await Http.GetAsync($"/api/projects/{id}{path}")).AssertProblemAsync(HttpStatusCode.BadRequest, "positive whole numbers");
    }

    [Fact]
    public async Task Get_UnknownProject_Is404()
    {
        foreach (var path in new[] { "", "/scenes", "/characters", "/settings", "/storyboards", "/videos", "/movie" })
            await (await Http.GetAsync($"/api/projects/987654321{path}")).AssertProblemAsync(HttpStatusCode.NotFound, "no project with id 987654321");
    }

    [Fact]
    public async Task Get_WhenStorageDoesNotAnswerForTheScript_Is503_AndWorksAgainAfter()
    {
        var id = await Http.CreateProjectAsync();
        var key = $"{fixture.Cluster.Options.ClusterId}/project/{fixture.Grains.Workflow(id).GetGrainId()}";
        SharedMemoryStore.UnreadableStates[key] = true;
        try
        {
            await (await Http.GetAsync($"/api/projects/{id}")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage is not answering");
        }
        finally
        {
            SharedMemoryStore.UnreadableStates.TryRemove(key, out _);
        }

        var project = await Http.GetJsonAsync($"/api/projects/{id}");
        Assert.Equal(HttpHelpers.Script, project.GetProperty("scriptContent").GetString());
    }
}
