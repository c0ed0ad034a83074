using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MoviePipeline.Projects;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;
using Npgsql;

using MoviePipeline.Benchmarks.Reporting;

namespace MoviePipeline.Benchmarks.Storage;

/// <summary>
/// Grain state write latency on our PostgreSQL schema, as Orleans measures it: a silo in this
/// process with the real grains, the service's group-commit grain storage and the AdoNet clustering and reminders
/// runs whole workflows (Media=None, no
/// simulated delay), and every write and read of grain state is recorded from the
/// <c>Microsoft.Orleans</c> meter. Once with the throwaway test server's fsync off, once with
/// fsync on (durable, as <c>scripts/run.sh</c> runs PostgreSQL).
/// </summary>
public sealed class StorageBenchmark : IBenchmarkCommand
{
    // The cluster tests' two-scene script: a small, realistic project.
    private const string Script = MoviePipeline.TestSupport.Cluster.PipelineApi.TwoSceneScript;

    public string Name => "storage";

    public string Description => "grain state write latency p50/p99 on PostgreSQL (Orleans storage metrics), fsync off and on";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        // One workflow at a time shows the latency of the database round trip itself; 20 at a time,
        // what it becomes when the silo and PostgreSQL share two cores with a busy workload.
        (int Workflows, int Concurrency)[] loads = options.Smoke ? [(10, 5)] : [(100, 1), (300, 20)];

        log.WriteLine("Starting PostgreSQL and an in-process silo...");
        using var recorder = new StorageLatencyRecorder();
        await using var server = await PostgresServer.StartNewAsync(cancellationToken);
        using var host = BuildSilo(server.ConnectionString);
        await host.StartAsync(cancellationToken);
        var client = host.Services.GetRequiredService<IClusterClient>();

        // Warm-up: activations, connection pool, JIT; not measured.
        await RunWorkflowsAsync(client, 10, 5, cancellationToken);
        recorder.Drain();

        var rounds = new List<(string Setting, string Load, TimeSpan Elapsed, IReadOnlyList<StorageLatency> Measurements)>();
        foreach (var fsync in new[] { false, true })
        {
            await SetFsyncAsync(server.ConnectionString, fsync, cancellationToken);
            foreach (var (workflows, concurrency) in loads)
            {
                log.WriteLine($"Running {workflows} workflows, {concurrency} at a time, fsync {(fsync ? "on" : "off")}...");
                var clock = Stopwatch.StartNew();
                await RunWorkflowsAsync(client, workflows, concurrency, cancellationToken);
                rounds.Add((fsync ? "fsync on" : "fsync off", $"{workflows} workflows, {concurrency} at a time", clock.Elapsed, recorder.Drain()));
            }
        }

        await host.StopAsync(CancellationToken.None);

        var report = new StringBuilder();
        report.Append("# Grain storage latency benchmark").Append(options.Smoke ? " (smoke run: figures are not meaningful)" : "").Append("\n\n");
        report.Append(MachineInfo.Describe());
        report.Append(CultureInfo.InvariantCulture,
            $"- Workload: whole workflows (Pipeline:Media=None, no simulated delay; about 17 state writes each), {string.Join(" and ", loads.Select(l => $"{l.Workflows} of them {l.Concurrency} at a time"))}, on one silo in this process " +
            $"with the AdoNet providers and our schema, against a throwaway PostgreSQL {await ServerVersionAsync(server.ConnectionString)} on the same machine\n");
        report.Append($"- Instruments: meter `{StorageLatencyRecorder.MeterName}`, `{StorageLatencyRecorder.WriteLatency}` and `{StorageLatencyRecorder.ReadLatency}` ")
            .Append($"(unit: {string.Join(", ", recorder.Units.Select(u => $"{u.Key} {u.Value ?? "none"}"))}); every measurement is kept, percentiles are exact (nearest rank)\n\n");

        report.Append("## All state writes\n\n");
        report.Append(Header);
        foreach (var (setting, load, elapsed, measurements) in rounds)
        {
            report.Append(Row(setting, load, "write", "all", measurements.Where(m => m.Instrument == StorageLatencyRecorder.WriteLatency).Select(m => m.Value), elapsed));
        }

        report.Append("\n## By operation and state\n\n");
        report.Append(Header);
        foreach (var (setting, load, elapsed, measurements) in rounds)
        {
            foreach (var group in measurements
                         .GroupBy(m => (Operation: m.Instrument == StorageLatencyRecorder.WriteLatency ? "write" : "read", State: StateOf(m)))
                         .OrderByDescending(g => g.Key.Operation).ThenBy(g => g.Key.State, StringComparer.Ordinal))
            {
                report.Append(Row(setting, load, group.Key.Operation, group.Key.State, group.Select(m => m.Value), elapsed));
            }
        }

        report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- storage")
            .Append(options.Smoke ? " --smoke" : "").Append("`\n");
        return report.ToString();
    }

    private const string Header =
        "| PostgreSQL | load | operation | state | count | p50 ms | p90 ms | p99 ms | max ms | per second |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|\n";

    private static string Row(string setting, string load, string operation, string state, IEnumerable<double> values, TimeSpan elapsed)
    {
        var p = new Measurements(values);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {setting} | {load} | {operation} | {state} | {p.Count} | {p.At(50):F2} | {p.At(90):F2} | {p.At(99):F2} | {p.Max:F2} | {p.Count / elapsed.TotalSeconds:F0} |\n");
    }

    // The state's name (e.g. "workflow") from the measurement's tags, whatever the tag is called.
    private static string StateOf(StorageLatency measurement) =>
        measurement.Tags.FirstOrDefault(t => t.Key.EndsWith("state.name", StringComparison.Ordinal)).Value
        ?? measurement.Tags.FirstOrDefault(t => t.Key.Contains("state", StringComparison.OrdinalIgnoreCase)).Value
        ?? "?";

    private static async Task RunWorkflowsAsync(IClusterClient client, int count, int concurrency, CancellationToken ct)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var id = await client.GetGrain<IProjectRegistryGrain>(0).CreateAsync(new ProjectDraft($"Storage {i}", null, Script, 1));
            var workflow = client.GetGrain<IProjectWorkflowGrain>(id);
            await workflow.StartAsync();
            while (await workflow.GetStatusAsync() is { Status: not WorkflowStatusCode.Completed } status)
            {
                if (status.Status == WorkflowStatusCode.Failed)
                {
                    throw new InvalidOperationException($"Project {id} failed: {status.ErrorMessage}");
                }

                await Task.Delay(20, token);
            }
        });
    }

    private static IHost BuildSilo(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MoviePipeline"] = connectionString,
            ["Orleans:ClusterId"] = "bench-storage",
            ["Orleans:ServiceId"] = "bench-storage",
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:Endpoints:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Endpoints:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:Clustering:ProviderType"] = "AdoNet",
            ["Orleans:Clustering:Invariant"] = "Npgsql",
            ["Orleans:Clustering:ConnectionName"] = "MoviePipeline",
            ["Orleans:GrainStorage:Default:ProviderType"] = MoviePipeline.PostgresStorage.GroupCommitStorageRegistration.ProviderType,
            ["Orleans:GrainStorage:Default:ConnectionName"] = "MoviePipeline",
            ["Orleans:Reminders:ProviderType"] = MoviePipeline.PostgresStorage.GroupCommitStorageRegistration.ProviderType,
            ["Orleans:Reminders:ConnectionName"] = "MoviePipeline",
            ["Pipeline:Media"] = "None",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddMoviePipelineGrains(builder.Configuration);
        builder.UseOrleans(_ => { });
        return builder.Build();
    }

    private static async Task SetFsyncAsync(string connectionString, bool on, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var value = on ? "on" : "off";
        foreach (var sql in new[] { $"ALTER SYSTEM SET fsync = {value}", $"ALTER SYSTEM SET full_page_writes = {value}", "SELECT pg_reload_conf()" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        // The reload is asynchronous: wait until a new session sees the setting.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync(ct);
            await using var show = new NpgsqlCommand("SHOW fsync", check);
            if ((string?)await show.ExecuteScalarAsync(ct) == value)
            {
                return;
            }

            await Task.Delay(50, ct);
        }

        throw new InvalidOperationException($"PostgreSQL did not take fsync = {value}.");
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
