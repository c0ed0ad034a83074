using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.Gateway;

public static class HttpHelpers
{
    public const string Script = """
        Title: The Harbour

        INT. KITCHEN - NIGHT

        SARAH stirs a pot.

        SARAH
        (quietly)
        He is late again.

        EXT. HARBOUR - DAWN

        HARRIS waits by the boats.

        HARRIS
        She never comes.
        """;

    public static async Task<long> CreateProjectAsync(this HttpClient http, string title = "Harbour")
    {
        var response = await http.PostAsJsonAsync("/api/projects", new { title, description = "A test", scriptContent = Script });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("projectId").GetInt64();
        Assert.Equal($"/api/projects/{id}", response.Headers.Location!.OriginalString);
        return id;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts an RFC 9457 problem with the status and a detail containing <paramref name="detailPart"/>.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string detailPart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(detailPart, detail, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Waits until the status endpoint shows <paramref name="status"/>, woken by the workflow's event stream, with a deadline.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient http, long id, string status)
    {
        var deadline = Stopwatch.StartNew();
        var limit = Deadlines.Seconds(60);
        JsonElement last = default;
        while (deadline.Elapsed < limit)
        {
            last = await http.GetJsonAsync($"/api/workflow/{id}/status");
            if (last.GetProperty("status").GetString() == status) return last;
            var left = limit - deadline.Elapsed;
            if (left > TimeSpan.Zero && !await WorkflowChanges.NextAsync(http, id, last.GetProperty("version").GetInt64(), left))
            {
                // The workflow has finished without reaching it, or the stream could not be read: read the status once more
                // after a pause (between requests, not a wait for state), until the deadline says it will not come.
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Project {id} did not reach '{status}' within {limit.TotalSeconds} s; last status: {last}");
    }
}
