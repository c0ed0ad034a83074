using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// The gateway's REST API as a person's script would use it. Status reads tolerate the answers a
/// gateway gives while the cluster changes (503 no silo, 504 timeout, 500) by reading again.
/// </summary>
public sealed class PipelineApi(HttpClient http) : IDisposable
{
    public const string TwoSceneScript = """
        Title: The Harbour

        INT. KITCHEN - NIGHT

        SARAH stirs a pot.

        SARAH
        He is late again.

        EXT. HARBOUR - DAWN

        HARRIS waits by the boats.

        HARRIS
        She never comes.
        """;

    public HttpClient Http { get; } = http;

    public async Task<long> CreateProjectAsync(string title, string script = TwoSceneScript)
    {
        using var response = await Http.PostAsJsonAsync("/api/projects", new { title, scriptContent = script });
        await EnsureAsync(response, HttpStatusCode.Created, $"POST /api/projects ({title})");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("projectId").GetInt64();
    }

    public async Task<JsonElement> StartAsync(long projectId)
    {
        using var response = await Http.PostAsJsonAsync($"/api/workflow/{projectId}/start", new { workflowType = "full_pipeline" });
        await EnsureAsync(response, HttpStatusCode.Accepted, $"POST /api/workflow/{projectId}/start");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Replaces the project's script: a new revision, made by the next start.</summary>
    public async Task<JsonElement> EditScriptAsync(long projectId, string script)
    {
        using var response = await Http.PatchAsJsonAsync($"/api/projects/{projectId}", new { scriptContent = script });
        await EnsureAsync(response, HttpStatusCode.OK, $"PATCH /api/projects/{projectId}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The status, or null when the gateway could not answer right now (the cluster is changing).</summary>
    public async Task<JsonElement?> TryGetStatusAsync(long projectId) => await TryGetAsync($"/api/workflow/{projectId}/status");

    /// <summary>GET of a JSON document, or null when the gateway answered 5xx or not at all.</summary>
    public async Task<JsonElement?> TryGetAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(path);
            if ((int)response.StatusCode >= 500)
            {
                return null;
            }

            await EnsureAsync(response, HttpStatusCode.OK, $"GET {path}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<JsonElement> GetAsync(string path) =>
        await TryGetAsync(path) ?? throw new InvalidOperationException($"GET {path} got no answer from the gateway.");

    /// <summary>
    /// Waits until the status satisfies <paramref name="condition"/>, woken by the workflow's event stream; a status of
    /// <c>failed</c> ends the wait at once.
    /// </summary>
    public async Task<JsonElement> WaitForStatusAsync(long projectId, Func<JsonElement, bool> condition, TimeSpan timeout, string description)
    {
        var clock = Stopwatch.StartNew();
        JsonElement? last = null;
        while (clock.Elapsed < timeout)
        {
            var status = await TryGetStatusAsync(projectId);
            if (status is { } s)
            {
                last = s;
                if (condition(s))
                {
                    return s;
                }

                if (Status(s) == "failed")
                {
                    throw new InvalidOperationException($"Project {projectId} failed while waiting for {description}: {s}");
                }

                var left = timeout - clock.Elapsed;
                if (left > TimeSpan.Zero && await WorkflowChanges.NextAsync(Http, projectId, Version(s), left))
                {
                    continue;
                }
            }

            // The cluster is changing (no answer, or a stream that broke off): read again after a pause between requests.
            await Task.Delay(100);
        }

        throw new TimeoutException($"Project {projectId} did not reach {description} within {timeout.TotalSeconds:0} s; last status: {last}");
    }

    public Task<JsonElement> WaitForCompletedAsync(long projectId, TimeSpan timeout) =>
        WaitForStatusAsync(projectId, s => Status(s) == "completed", timeout, "'completed'");

    public static string Status(JsonElement status) => status.GetProperty("status").GetString()!;

    public static int Progress(JsonElement status) => status.GetProperty("progress").GetInt32();

    public static long Version(JsonElement status) => status.GetProperty("version").GetInt64();

    public static int CompletedPhases(JsonElement status) => status.GetProperty("completedPhases").GetInt32();

    /// <summary>How many times the workflow started phase <paramref name="phase"/> (1 to 3).</summary>
    public static int Runs(JsonElement status, int phase) =>
        status.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetInt32() == phase).GetProperty("runs").GetInt32();

    public void Dispose() => Http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string request)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{request} answered {(int)response.StatusCode} {response.StatusCode}, not {(int)expected}: {body}");
        }
    }
}
