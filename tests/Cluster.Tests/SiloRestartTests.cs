using System.Text.Json;
using MoviePipeline.TestSupport.Cluster;
using Orleans.Runtime;
using Xunit.Abstractions;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

namespace MoviePipeline.Cluster.Tests;

/// <summary>The only silo stops in the middle of a phase and starts again: the workflow goes on where its state says.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloRestartTests(LocalClusters fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RestartSilo_MidPhase_StateSurvivesAndWorkflowCompletes(bool graceful)
    {
        await using var cluster = await fixture.NewClusterAsync(
            graceful ? "restart-graceful" : "restart-kill",
            new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = "00:00:06" });
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        var silo = await cluster.StartSiloAsync();
        var api = await cluster.StartGatewayAsync();

        // The stop must come while phase 2 runs (its output not written yet); when phase 2 had ended
        // already by the time this looked, say so and try again with a new project.
        long id;
        JsonElement before, historyBefore;
        var tries = 0;
        while (true)
        {
            Assert.True(++tries <= 3, "Three times in a row phase 2 had ended before the stop; the machine is too slow for 6-second phases.");
            id = await api.CreateProjectAsync("Restart");
            await api.StartAsync(id);
            before = await api.WaitForStatusAsync(
                id, s => CompletedPhases(s) == 1 && Progress(s) > 33, Timeouts.Phase, "phase 2 running");
            historyBefore = await api.GetAsync($"/api/workflow/{id}/history");
            if (await cluster.Database.StateVersionAsync("storyboard", id) is null) break;
            output.WriteLine($"Project {id}: phase 2 ended before the stop; trying again.");
        }

        var restarted = await cluster.RestartSiloAsync(silo, graceful);

        // Nothing recorded before the restart is lost or changed: the state was written before it was reported.
        var after = await api.WaitForStatusAsync(id, _ => true, Timeouts.Recovery, "an answer after the restart");
        Assert.True(Version(after) >= Version(before), $"version went back from {Version(before)} to {Version(after)}");
        Assert.True(CompletedPhases(after) >= 1);
        var historyAfter = await api.GetAsync($"/api/workflow/{id}/history");
        var afterByVersion = historyAfter.EnumerateArray().ToDictionary(e => e.GetProperty("version").GetInt64(), e => e.GetRawText());
        foreach (var recorded in historyBefore.EnumerateArray())
        {
            Assert.Equal(recorded.GetRawText(), afterByVersion.GetValueOrDefault(recorded.GetProperty("version").GetInt64()));
        }

        var done = await api.WaitForCompletedAsync(id, Timeouts.Completion);
        Assert.Equal(100, Progress(done));
        Assert.Equal(1, Runs(done, 1));
        Assert.Equal(1, Runs(done, 3));
        Assert.Equal(2, (await api.GetAsync($"/api/projects/{id}/scenes")).GetArrayLength());

        // Outputs written once per phase run that completed. Phase 2 was cut short by a kill, so only
        // its rerun wrote; a graceful stop lets the run finish and write, and the restarted workflow,
        // which never heard of that, runs it once more under the same run id.
        Assert.Equal(1, await cluster.Database.StateVersionAsync("trailer", id));
        Assert.Equal(1, await cluster.Database.StateVersionAsync("movie", id));
        var storyboardWrites = await cluster.Database.StateVersionAsync("storyboard", id);
        Assert.InRange(storyboardWrites ?? 0, 1, graceful ? 2 : 1);

        // The stopped incarnation is recorded dead, the new one active.
        var rows = await cluster.Database.MembershipAsync();
        Assert.Equal(SiloStatus.Dead, rows.Single(r => r.Port == silo.SiloPort && r.Generation == silo.Generation).Status);
        Assert.Equal(SiloStatus.Active, rows.Single(r => r.Port == silo.SiloPort && r.Generation == restarted.Generation).Status);
        output.WriteLine($"Storyboard state written {storyboardWrites} time(s). History from the restart on:");
        output.WriteLine(Describe(await api.GetAsync($"/api/workflow/{id}/history"), Version(before)));
    }

    private static string Describe(JsonElement history, long fromVersion) => string.Join('\n', history.EnumerateArray()
        .Where(e => e.GetProperty("version").GetInt64() >= fromVersion)
        .Select(e => $"  v{e.GetProperty("version").GetInt64()} {e.GetProperty("at").GetDateTime():HH:mm:ss.fff} {e.GetProperty("status").GetString()} {e.GetProperty("progress").GetInt32()}% {e.GetProperty("message").GetString()}"));
}
