using System.Globalization;
using System.Text;
using MoviePipeline.Phases;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

using MoviePipeline.Benchmarks.Reporting;

namespace MoviePipeline.Benchmarks.Cluster;

/// <summary>
/// Crash recovery of a real cluster: a throwaway PostgreSQL, three silo processes and the gateway
/// (as <c>scripts/run.sh --silos 3</c> runs them, with the shipped appsettings.json). Each round
/// starts a workflow, kills (-9) the silo that hosts it in the middle of phase 2, and measures
/// from the kill to the victim declared dead (Status 6 in the membership table) and to the
/// workflow's next state write; then it waits for the workflow to complete and starts a new silo.
/// </summary>
public sealed class CrashBenchmark : IBenchmarkCommand
{
    private const int MaxMissedKills = 3;

    public string Name => "crash";

    public string Description => "kill -9 of the silo running a workflow, 3 silos: time to dead declared and to resumed (median of 3)";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var rounds = options.Smoke ? 1 : 3;
        // Long enough that the kill, a few calls after phase 2 is seen to start, lands inside it even on a busy machine.
        var phaseDuration = TimeSpan.FromSeconds(6);
        var logDirectory = Path.Combine(Path.GetTempPath(), $"moviepipeline-bench-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        log.WriteLine("Starting PostgreSQL, 3 silos and the gateway...");
        await using var server = await PostgresServer.StartNewAsync(cancellationToken);
        await using var cluster = new LocalCluster(server.ConnectionString, "bench-crash", logDirectory,
            new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = phaseDuration.ToString("c", CultureInfo.InvariantCulture) });
        await cluster.StartSilosAsync(3);
        var api = await cluster.StartGatewayAsync();
        // Everything the measured moment needs is set up before it: the client that asks where grains run too.
        await cluster.ConnectClientAsync();

        var results = new List<(CrashRecovery Recovery, bool PhaseDiesToo, TimeSpan Completed)>();
        var missed = 0;
        for (var round = 1; round <= rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = await api.CreateProjectAsync($"Crash {round}");
            await api.StartAsync(id);
            await api.WaitForStatusAsync(id, s => CompletedPhases(s) == 1 && Progress(s) > 33, Deadlines.Seconds(120), "phase 2 running");
            var victim = await cluster.WorkflowHostAsync(id) ?? throw new InvalidOperationException($"No silo hosts project {id}.");
            var phaseDiesToo = (await cluster.HostOfAsync<ITrailerToStoryboardGrain>(id))?.Name == victim.Name;
            log.WriteLine($"Round {round}: killing {victim}, which runs project {id}...");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var recovery = await cluster.KillAndMeasureAsync(victim, id, "storyboard", Deadlines.Seconds(120));
            await api.WaitForCompletedAsync(id, Deadlines.Seconds(180));
            var completed = clock.Elapsed;
            await cluster.StartSiloAsync();
            if (recovery is null)
            {
                // Phase 2 had ended before the kill: there was nothing to interrupt. Say so and try again, a bounded number of times.
                if (++missed > MaxMissedKills)
                {
                    throw new BenchmarkFailedException(
                        $"The kill landed after phase 2 had ended {missed} times; the machine is too slow for {phaseDuration.TotalSeconds:0} s phases.");
                }

                log.WriteLine($"Round {round}: phase 2 of project {id} had already ended at the kill; trying this round again with a new project.");
                round--;
                continue;
            }

            results.Add((recovery, phaseDiesToo, completed));
            log.WriteLine($"Round {round}: dead after {recovery.DeclaredDead.TotalSeconds:0.00} s, resumed after {recovery.Resumed.TotalSeconds:0.00} s.");
        }

        var report = new StringBuilder();
        report.Append("# Crash recovery benchmark").Append(options.Smoke ? " (smoke run: one round, figures are not meaningful)" : "").Append("\n\n");
        report.Append(MachineInfo.Describe());
        report.Append(CultureInfo.InvariantCulture,
            $"- Cluster: 3 silo processes and the gateway on 127.0.0.1, one throwaway PostgreSQL (fsync off); the shipped appsettings.json " +
            $"(membership: probe timeout 1 s, 2 missed probes; recovery reminder every 5 s); Pipeline:SimulatedPhaseDuration {phaseDuration.TotalSeconds:0} s\n");
        report.Append(CultureInfo.InvariantCulture, $"- Kills that came after phase 2 had ended, so that round was run again: {missed}\n");
        report.Append("- Process logs: ").Append(logDirectory).Append("\n\n");
        report.Append("Each round kills (-9) the silo hosting a workflow in the middle of phase 2. \"Declared dead\": the survivors wrote Status 6 ");
        report.Append("for it in the membership table. \"Resumed\": the workflow's state row was written again (its new activation took over). ");
        report.Append("\"Completed\": the workflow reached `completed`. Phase 2's grain either ran on the killed silo too (it runs again ");
        report.Append("once the reminder reactivates the workflow) or on a survivor (its next progress report reactivates the workflow, which rejoins the run).\n\n");
        report.Append("| round | phase 2 grain | declared dead, s | resumed, s | completed, s |\n|---:|---|---:|---:|---:|\n");
        for (var i = 0; i < results.Count; i++)
        {
            var (recovery, phaseDiesToo, completed) = results[i];
            report.Append(CultureInfo.InvariantCulture,
                $"| {i + 1} | {(phaseDiesToo ? "killed too" : "survived")} | {recovery.DeclaredDead.TotalSeconds:F2} | {recovery.Resumed.TotalSeconds:F2} | {completed.TotalSeconds:F1} |\n");
        }

        var dead = new Measurements(results.Select(r => r.Recovery.DeclaredDead.TotalSeconds));
        var resumed = new Measurements(results.Select(r => r.Recovery.Resumed.TotalSeconds));
        report.Append(CultureInfo.InvariantCulture, $"| **median** | | **{dead.Median:F2}** | **{resumed.Median:F2}** | |\n");
        report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- crash")
            .Append(options.Smoke ? " --smoke" : "").Append("`\n");
        return report.ToString();
    }
}
