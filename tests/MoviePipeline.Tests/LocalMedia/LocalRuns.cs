using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.Tests.Gateway;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>Projects driven through the gateway for the local-media tests: create, start, edit, wait for the end.</summary>
public static class LocalRuns
{
    /// <summary>Generous: local media on a busy two-core machine, beside other test processes (scaled like every deadline).</summary>
    public static readonly TimeSpan RunDeadline = MoviePipeline.TestSupport.Deadlines.Seconds(300);

    public static async Task<long> CreateAsync(HttpClient http, string title, string script)
    {
        var response = await http.PostAsJsonAsync("/api/projects", new { title, description = "A story told in storyboards.", scriptContent = script });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetInt64();
    }

    public static async Task StartAsync(HttpClient http, long id)
    {
        var response = await http.PostAsJsonAsync($"/api/workflow/{id}/start", new { workflowType = "full_pipeline" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Sends an edit and returns the project it answers with (200 expected).</summary>
    public static async Task<JsonElement> EditAsync(HttpClient http, long id, object edit)
    {
        var response = await http.PatchAsJsonAsync($"/api/projects/{id}", edit);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PATCH answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits for "completed"; a workflow that fails stops the wait at once with its error message.</summary>
    public static async Task<JsonElement> WaitForCompletedAsync(HttpClient http, long id, TimeSpan? within = null)
    {
        var limit = within ?? RunDeadline;
        var deadline = DateTime.UtcNow + limit;
        JsonElement status = default;
        while (DateTime.UtcNow < deadline)
        {
            status = await http.GetJsonAsync($"/api/workflow/{id}/status");
            switch (status.GetProperty("status").GetString())
            {
                case "completed":
                    return status;
                case "failed":
                    Assert.Fail($"Project {id} failed: {status.GetProperty("errorMessage").GetString()}");
                    break;
            }
            // Woken by the workflow's event stream; a stream that could not be read is read again after a pause.
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero && !await MoviePipeline.TestSupport.WorkflowChanges.NextAsync(http, id, status.GetProperty("version").GetInt64(), left))
                await Task.Delay(100);
        }
        throw new TimeoutException($"Project {id} did not complete within {limit.TotalSeconds} s; last status: {status}");
    }
}
