using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>One change a follower received: its version and status, and when it arrived (on the follower's clock).</summary>
public sealed record ReceivedChange(long Version, string Status, TimeSpan At);

/// <summary>
/// Follows a workflow's event stream the way a browser does: from a version on, reconnecting from the last id whenever
/// the gateway ends the stream (a brief pause between tries while the gateway cannot answer), until a <c>completed</c> or
/// <c>failed</c> change. Every change it receives is kept, with its arrival time on <see cref="Clock"/>.
/// </summary>
public sealed class WorkflowFollower
{
    private readonly List<ReceivedChange> _changes = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkflowFollower(long projectId, Stopwatch clock)
    {
        ProjectId = projectId;
        Clock = clock;
    }

    public long ProjectId { get; }

    public Stopwatch Clock { get; }

    /// <summary>Ends with the workflow's final change; throws when <c>cancellationToken</c> fires first.</summary>
    public Task Following { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Completes when the first change (the current state, or the first after the version given) has arrived, or the
    /// stream ended without one; fails when following failed, so that a caller waiting for it sees why.
    /// </summary>
    public Task FirstChange => _first.Task;

    public IReadOnlyList<ReceivedChange> Changes
    {
        get
        {
            lock (_changes) return [.. _changes];
        }
    }

    /// <summary>Starts following from the change after <paramref name="afterVersion"/> (the current state: its version − 1).</summary>
    public static WorkflowFollower Start(HttpClient http, long projectId, long afterVersion, Stopwatch clock, CancellationToken cancellationToken)
    {
        var follower = new WorkflowFollower(projectId, clock);
        follower.Following = follower.FollowAsync(http, afterVersion, cancellationToken);
        return follower;
    }

    private async Task FollowAsync(HttpClient http, long last, CancellationToken ct)
    {
        try
        {
            await FollowToTheEndAsync(http, last, ct);
            _first.TrySetResult();
        }
        catch (Exception ex)
        {
            _first.TrySetException(ex);
            throw;
        }
    }

    private async Task FollowToTheEndAsync(HttpClient http, long last, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow/{ProjectId}/events?after={last}");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == System.Net.HttpStatusCode.NoContent) return; // it had ended, and we have its last change
                if ((int)response.StatusCode is >= 400 and < 500)
                    throw new InvalidOperationException(
                        $"The event stream of project {ProjectId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                response.EnsureSuccessStatusCode(); // a 5xx: the cluster is changing, try again below
                using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
                long? id = null;
                while (await lines.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..], CultureInfo.InvariantCulture);
                    if (!line.StartsWith("data: ", StringComparison.Ordinal) || id is not { } version) continue;
                    using var change = JsonDocument.Parse(line[6..]);
                    var status = change.RootElement.GetProperty("status").GetString()!;
                    last = version;
                    lock (_changes) _changes.Add(new ReceivedChange(version, status, Clock.Elapsed));
                    _first.TrySetResult();
                    if (status is "completed" or "failed") return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                // The gateway could not answer (a 503 while the cluster changes, or a dropped connection): as a browser, try again shortly.
                await Task.Delay(200, ct);
            }
        }
    }
}
