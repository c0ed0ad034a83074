using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>
/// The gateway's REST API (docs/api.md) over HTTP/1.1 keep-alive connections: at most
/// <see cref="Connections"/> at once, the rest of the requests wait for a free one.
/// </summary>
public sealed class HttpWorkflowDriver : IWorkflowDriver, IDisposable
{
    public const int Connections = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Lazy<Task> _signedIn;

    public HttpWorkflowDriver(Uri gateway)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            CookieContainer = new CookieContainer(),
        })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(2),
        };
        // One user makes every project, as the administrator (the benchmark's gateway lets one user run them all).
        _signedIn = new Lazy<Task>(() => _http.SignInAsAdminAsync());
    }

    public string Name => "HTTP gateway";

    public async Task<long> CreateAsync(string title, string script, CancellationToken cancellationToken)
    {
        await _signedIn.Value;
        using var response = await _http.PostAsJsonAsync("api/projects", new { title, scriptContent = script }, Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/projects answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return body.GetProperty("projectId").GetInt64();
    }

    public async Task StartAsync(long projectId, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/workflow/{projectId}/start");
        using var response = await _http.PostAsJsonAsync(path, new { workflowType = "full_pipeline" }, Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public void Dispose() => _http.Dispose();
}
