using System.Globalization;
using System.Text;
using System.Text.Json;
using MoviePipeline.Benchmarks.Orchestration;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.TestSupport.Cluster;
using MoviePipeline.Workflow;

namespace MoviePipeline.Benchmarks.StatusLoad;

/// <summary>
/// Issue 7, figure 2: <c>GET /api/workflow/{id}/status</c> through the gateway at rising fixed request
/// rates, from an open-loop load generator in a separate process: p50/p99 latency per rate and the
/// highest rate held with p99 under 10 ms.
/// </summary>
public sealed class StatusLoadBenchmark : ISessionBenchmark
{
    public const double LatencyLimitMs = 10;
    public const int Runs = 3;

    private static readonly double[] Rates = [250, 500, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 8_000];

    public string Name => "status";

    public string Description => "GET status through the gateway at rising fixed rates (open loop): p50/p99, highest rate with p99 < 10 ms";

    public async Task<string> RunInSessionAsync(BenchmarkSession session, CancellationToken cancellationToken)
    {
        var log = session.Log;
        var smoke = session.Options.Smoke;
        var service = await session.ServiceAsync(cancellationToken);
        var projects = smoke ? 20 : 1_000;
        if (session.CompletedProjects.Count < projects)
        {
            log.WriteLine($"Status: making {projects:N0} completed projects to ask about...");
            var made = await OrchestrationRunner.RunAsync(service, new ClientWorkflowDriver(service.Client), projects, log, cancellationToken, preCreate: true);
            session.CompletedProjects.AddRange(made.CompletedIds);
        }

        var ids = session.CompletedProjects.TakeLast(projects).ToArray();
        var idsFile = Path.Combine(session.LogDirectory, "status-ids.txt");
        await File.WriteAllLinesAsync(idsFile, ids.Select(id => id.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        // Every project active before the first step: activation is not what this measures.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (id, _) => await service.Client.GetGrain<IProjectWorkflowGrain>(id).GetStatusAsync());

        var rates = smoke ? [100.0] : Rates;
        var runs = smoke ? 1 : Runs;
        var (warmup, seconds) = smoke ? (0.5, 1.0) : (1.0, 6.0);
        var steps = new List<List<LoadStepResult>>();
        foreach (var rate in rates)
        {
            var results = new List<LoadStepResult>();
            for (var run = 1; run <= runs; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await RunStepAsync(session, service, idsFile, rate, warmup, seconds, cancellationToken);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Status at {rate:N0}/s, run {run}/{runs}: achieved {result.AchievedRate:N0}/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, {result.Failed} failed"));
                results.Add(result);
            }

            steps.Add(results);
            // One rate past the limit is enough to show it; keep going up to 2,000/s, the target's rate.
            var p99 = Percentiles.Median(results.Select(r => r.P99));
            var achieved = Percentiles.Median(results.Select(r => r.AchievedRate));
            if (rate >= 2_000 && (p99 > LatencyLimitMs || achieved < 0.95 * rate)) break;
        }

        session.StatusLoad = new StatusLoadResults(steps);
        return Report(session.StatusLoad, projects, runs, warmup, seconds);
    }

    private static async Task<LoadStepResult> RunStepAsync(
        BenchmarkSession session, RunningService service, string idsFile, double rate, double warmup, double seconds, CancellationToken cancellationToken)
    {
        var resultFile = Path.Combine(session.LogDirectory, $"loadgen-{rate:0}.json");
        var silo = ProcFs.CpuSeconds(service.Silo.Id);
        var gateway = ProcFs.CpuSeconds(service.Gateway!.Id);
        var postgres = ProcFs.PostgresCpuSeconds(service.Database.DataDirectory);
        var started = DateTime.UtcNow;
        await using var generator = ServiceProcess.Start("load generator", typeof(StatusLoadBenchmark).Assembly.Location,
            OpenLoopLoadGenerator.Arguments(service.GatewayUrl!, idsFile, rate, warmup, seconds, resultFile),
            new Dictionary<string, string?>(), Path.Combine(session.LogDirectory, "loadgen.log"));
        double generatorCpu = 0;
        while (!generator.HasExited)
        {
            generatorCpu = Math.Max(generatorCpu, ProcFs.CpuSeconds(generator.Id));
            await Task.Delay(200, cancellationToken);
        }

        await generator.WaitForExitAsync(TimeSpan.FromSeconds(10), cancellationToken); // it has exited: this waits for its last output
        var wall = (DateTime.UtcNow - started).TotalSeconds;
        if (generator.ExitCode != 0 || !File.Exists(resultFile))
            throw new InvalidOperationException($"The load generator failed (exit code {generator.ExitCode}):\n{generator.Tail()}");
        var result = JsonSerializer.Deserialize<LoadStepResult>(await File.ReadAllTextAsync(resultFile, cancellationToken))!;
        File.Delete(resultFile);
        double Percent(double cpuSeconds) => 100 * cpuSeconds / wall;
        return result with
        {
            CpuPercent = new Dictionary<string, double>
            {
                ["silo"] = Percent(ProcFs.CpuSeconds(service.Silo.Id) - silo),
                ["gateway"] = Percent(ProcFs.CpuSeconds(service.Gateway.Id) - gateway),
                ["load generator"] = Percent(generatorCpu),
                ["PostgreSQL"] = Percent(ProcFs.PostgresCpuSeconds(service.Database.DataDirectory) - postgres),
            },
        };
    }

    private static string Report(StatusLoadResults results, int projects, int runs, double warmup, double seconds)
    {
        var r = new StringBuilder();
        r.Append("## 2. Status under load\n\n");
        r.Append(CultureInfo.InvariantCulture, $"""
            `GET /api/workflow/{"{id}"}/status` through the gateway, cycling over {projects:N0} completed (active) projects, from
            an open-loop load generator in a separate process (this program's `loadgen` mode): request i is due at
            i / rate, and its latency counts from when it was due, so queueing shows. Each step: {warmup:0.#} s warm-up, then {seconds:0.#} s
            measured; each cell the median of {runs} runs (min–max). CPU: percent of one core during the step
            (the machine has {Environment.ProcessorCount} cores shared by all four).


            """);
        r.Append("| target req/s | achieved req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed | CPU silo / gateway / load gen / PostgreSQL |\n");
        r.Append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var step in results.Steps)
        {
            string Cpu(string name) => Percentiles.Median(step.Select(s => s.CpuPercent.GetValueOrDefault(name))).ToString("0", CultureInfo.InvariantCulture) + "%";
            r.Append(CultureInfo.InvariantCulture,
                $"| {step[0].TargetRate:N0} | {Figure.Of(step, s => s.AchievedRate).Format()} | {Figure.Of(step, s => s.P50).Format("0.00")} | {Figure.Of(step, s => s.P90).Median:0.00} | {Figure.Of(step, s => s.P99).Format("0.00")} | {Figure.Of(step, s => s.P999).Median:0.00} | {Figure.Of(step, s => s.Max).Median:0.0} | {step.Sum(s => s.Failed)} | {Cpu("silo")} / {Cpu("gateway")} / {Cpu("load generator")} / {Cpu("PostgreSQL")} |\n");
        }

        r.Append(CultureInfo.InvariantCulture,
            $"\nHighest rate held (median achieved ≥ 95 % of target) with median p99 under {LatencyLimitMs:0} ms: **{results.HighestRateHeld(LatencyLimitMs):N0} requests/s**.");
        if (results.P99At(2_000) is { } p99)
            r.Append(CultureInfo.InvariantCulture, $" At 2,000 requests/s: p99 **{p99:0.00} ms**.");
        return r.Append("\n\n").ToString();
    }
}
