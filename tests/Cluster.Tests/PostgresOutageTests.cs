using System.Diagnostics;
using System.Text.Json;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using Orleans.Runtime;
using Xunit.Abstractions;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

namespace MoviePipeline.Cluster.Tests;

/// <summary>PostgreSQL goes away (a crash: immediate stop) while workflows run, and comes back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageTests(LocalClusters fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RestartPostgres_WhileWorkflowsRun_AllGoOnAndComplete()
    {
        const int projects = 10;
        // Its own server: this test stops it.
        await using var server = await PostgresServer.StartNewAsync();
        await using var cluster = new LocalCluster(
            server.ConnectionString, "postgres-outage", Path.Combine(fixture.LogRoot, "postgres-outage"),
            new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = "00:00:04" });
        output.WriteLine($"Logs: {cluster.LogDirectory}; PostgreSQL log: {server.LogFile}");
        var silos = await cluster.StartSilosAsync(2);
        var api = await cluster.StartGatewayAsync();
        var ids = new List<long>();
        for (var i = 0; i < projects; i++)
        {
            ids.Add(await api.CreateProjectAsync($"Outage {i}"));
            await api.StartAsync(ids[^1]);
        }

        foreach (var id in ids)
        {
            await api.WaitForStatusAsync(id, s => s.GetProperty("currentPhase").ValueKind == JsonValueKind.Number, Timeouts.Phase, "a phase running");
        }

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        // Hold the outage longer than a phase, so that phases end, report and write while it lasts.
        await Task.Delay(Outage);
        await server.StartAsync();
        var backAt = DateTime.UtcNow;
        output.WriteLine($"PostgreSQL was down for {down.Elapsed.TotalSeconds:0.0} s.");

        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            var done = await api.WaitForCompletedAsync(id, Timeouts.Completion);
            Assert.Equal(100, Progress(done));
        }

        var lines = cluster.SiloLogLines().ToList();
        output.WriteLine($"All {projects} completed {clock.Elapsed.TotalSeconds:0.0} s after PostgreSQL came back; " +
            $"{lines.Count(l => l.Contains("writing workflow state failed", StringComparison.Ordinal))} workflow state writes were retried, " +
            $"{lines.Count(l => l.Contains("succeeded=False", StringComparison.Ordinal))} phase runs failed.");
        Assert.All(silos, s => Assert.False(s.Process.HasExited, $"{s} stopped during the outage.\n{s.Process.Tail()}"));

        // Membership and reminders work again: every silo renews its heartbeat row, and the reminders
        // of the finished workflows are removed (by their next tick if removing failed in the outage).
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var rows = await cluster.Database.MembershipAsync();
            var renewed = silos.All(s => rows.Single(r => r.Port == s.SiloPort && r.Generation == s.Generation) is
                { Status: SiloStatus.Active } row && row.IAmAliveTime > backAt);
            var reminders = await cluster.Database.ReminderCountAsync();
            if (renewed && reminders == 0)
            {
                break;
            }

            Assert.True(deadline.Elapsed < Timeouts.Recovery,
                $"After the outage: heartbeats renewed: {renewed}, reminders left: {reminders}; rows: {string.Join("; ", rows)}");
            await Task.Delay(250);
        }
    }
}
