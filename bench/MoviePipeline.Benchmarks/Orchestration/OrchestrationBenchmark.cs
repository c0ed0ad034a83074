using System.Globalization;
using System.Text;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;

namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>
/// Issue 7, figure 1: no-op workflows (<c>Pipeline:Media=None</c>) created and started at once,
/// 1,000 and 10,000 of them, through the Orleans client and through the gateway's HTTP API:
/// completed workflows per second, start-to-completed latency, and storage writes per workflow
/// counted in PostgreSQL.
/// </summary>
public sealed class OrchestrationBenchmark : ISessionBenchmark
{
    public const int Runs = 3;

    public string Name => "orchestration";

    public string Description => "no-op workflows/s, latency and storage writes, 1,000 and 10,000 at once, client and HTTP";

    public async Task<string> RunInSessionAsync(BenchmarkSession session, CancellationToken cancellationToken)
    {
        var log = session.Log;
        var smoke = session.Options.Smoke;
        var service = await session.ServiceAsync(cancellationToken);
        var runs = smoke ? 1 : Runs;
        using var http = new HttpWorkflowDriver(service.GatewayUrl!);
        IWorkflowDriver[] drivers = [new ClientWorkflowDriver(service.Client), http];

        log.WriteLine("Orchestration: warming up (JIT, connection pools)...");
        foreach (var driver in drivers)
            session.CompletedProjects.AddRange((await OrchestrationRunner.RunAsync(service, driver, smoke ? 5 : 300, log, cancellationToken)).CompletedIds);

        // Created and started at once: the issue's figure, at 1,000 (10,000 creates at once queue past the
        // 30 s call timeout, see bench/README.md). Started at once after creating: the workflows alone, at both sizes.
        (bool PreCreate, int[] Sizes)[] variants = smoke
            ? [(false, [10]), (true, [10])]
            : [(false, [1_000]), (true, [1_000, 10_000])];
        var results = new List<OrchestrationRun>();
        await RunVariantsAsync(service, drivers, variants, runs, !smoke, OrchestrationRun.Postgres, results, session, log, cancellationToken);

        // The same runs with grain state and reminders in the silo's memory: what the orchestration costs without
        // durability, the figure to hold against in-memory engines. A service of its own, so the one on PostgreSQL
        // (which later benchmarks use) stops for it and starts again when next asked for.
        await session.StopServiceAsync();
        await using (var memory = await RunningService.StartAsync(session.Database, session.LogDirectory, withGateway: true, log, cancellationToken, InMemory))
        {
            using var memoryHttp = new HttpWorkflowDriver(memory.GatewayUrl!);
            IWorkflowDriver[] memoryDrivers = [new ClientWorkflowDriver(memory.Client), memoryHttp];
            log.WriteLine("Orchestration in memory: warming up...");
            foreach (var driver in memoryDrivers)
                await OrchestrationRunner.RunAsync(memory, driver, smoke ? 5 : 300, log, cancellationToken, store: OrchestrationRun.Memory);
            await RunVariantsAsync(memory, memoryDrivers, variants, runs, !smoke, OrchestrationRun.Memory, results, session: null, log, cancellationToken);
        }

        session.Orchestration = new OrchestrationResults(results);
        return Report(session.Orchestration, runs);
    }

    /// <summary>Grain state and reminders in the silo's memory; clustering stays on the database (the gateway finds the silo there).</summary>
    private static readonly Dictionary<string, string?> InMemory = new()
    {
        ["Orleans:GrainStorage:Default:ProviderType"] = "Memory",
        ["Orleans:Reminders:ProviderType"] = "Memory",
    };

    private static async Task RunVariantsAsync(
        RunningService service, IWorkflowDriver[] drivers, (bool PreCreate, int[] Sizes)[] variants, int runs, bool fullRun, string store,
        List<OrchestrationRun> results, BenchmarkSession? session, TextWriter log, CancellationToken cancellationToken)
    {
        for (var run = 1; run <= runs; run++)
        {
            foreach (var (preCreate, sizes) in variants)
            {
                foreach (var size in sizes)
                {
                    foreach (var driver in drivers)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        log.WriteLine($"Orchestration on {store}, run {run}/{runs}, {size:N0} projects, {driver.Name}, {(preCreate ? OrchestrationRun.StartOnly : OrchestrationRun.CreateAndStart)}:");
                        var result = await OrchestrationRunner.RunAsync(service, driver, size, log, cancellationToken, preCreate, store,
                            settledCounters: fullRun && store == OrchestrationRun.Postgres);
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {result.WorkflowsPerSecond:N0} workflows/s, p50 {result.StartToCompletedP50Ms:N0} ms, p99 {result.StartToCompletedP99Ms:N0} ms, {result.WritesPerWorkflow:0.##} writes/workflow, CPU ms/workflow silo {result.Cpu.Silo * 1000 / size:0.0} PostgreSQL {result.Cpu.Postgres * 1000 / size:0.0} gateway {result.Cpu.Gateway * 1000 / size:0.0} client {result.Cpu.Benchmark * 1000 / size:0.0}"));
                        results.Add(result);
                        session?.CompletedProjects.AddRange(result.CompletedIds);
                    }
                }
            }
        }
    }

    private static string Report(OrchestrationResults results, int runs)
    {
        var r = new StringBuilder();
        r.Append("## 1. Orchestration throughput (no-op workflows)\n\n");
        r.Append(CultureInfo.InvariantCulture, $"""
            N projects are created and started at once (N tasks, each: create, then start as soon as the id is back),
            with `Pipeline:Media=None`: phase 1 parses a three-scene script, phases 2 and 3 make no media, so what is
            measured is the orchestration: grain calls, state writes and reminders. Throughput = completed workflows /
            (last workflow's CompletedAt − first create sent); latency = CompletedAt − the moment that project's start
            request was sent (so it includes waiting behind the other N − 1). HTTP goes through {HttpWorkflowDriver.Connections}
            keep-alive connections. Each cell: median of {runs} runs (min–max, spread = (max − min) / median).


            """);
        r.Append("| storage | how | way in | projects | completed workflows/s | start→completed p50 ms | p99 ms | create p50 ms | create p99 ms | not completed |\n");
        r.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var group in results.Groups)
        {
            var g = group.ToList();
            r.Append(CultureInfo.InvariantCulture,
                $"| {group.Key.Store} | {group.Key.Variant} | {group.Key.Driver} | {group.Key.Projects:N0} | {Figure.Of(g, x => x.WorkflowsPerSecond).Format()} | {Figure.Of(g, x => x.StartToCompletedP50Ms).Format()} | {Figure.Of(g, x => x.StartToCompletedP99Ms).Format()} | {(group.Key.Variant == OrchestrationRun.StartOnly ? "–" : Figure.Of(g, x => x.CreateP50Ms).Format())} | {(group.Key.Variant == OrchestrationRun.StartOnly ? "–" : Figure.Of(g, x => x.CreateP99Ms).Format())} | {g.Sum(x => x.Failed)} |\n");
        }

        r.Append("\n### Storage writes per workflow (counted in PostgreSQL)\n\n");
        r.Append("""
            Grain-state writes per grain type are the growth of `sum(version)` in `orleansstorage` (an insert stores
            version 1, every update adds one); reminder rows are counted by a trigger of the benchmark's database into a
            sequence (inserts, updates, deletes of `orleansreminderstable`). Both are exact. WAL and commit counters
            come from PostgreSQL's statistics, read once they have settled after each run. Membership heartbeats are
            left out (they do not grow with the workload). Per workflow = delta / N, median over the runs of both sizes
            and both ways in.


            """);
        foreach (var variant in new[] { OrchestrationRun.CreateAndStart, OrchestrationRun.StartOnly })
        {
            var all = results.Durable.Where(x => x.Variant == variant).ToList();
            if (all.Count == 0) continue;
            r.Append(CultureInfo.InvariantCulture, $"**Projects {variant}** ({all.Count} runs):\n\n");
            r.Append("| what | writes per workflow | bytes per workflow |\n|---|---:|---:|\n");
            foreach (var type in all.SelectMany(x => x.Storage.States.Keys).Distinct().Order(StringComparer.Ordinal))
            {
                r.Append(CultureInfo.InvariantCulture,
                    $"| grain state `{type}` | {Figure.Of(all, x => x.Storage.States.GetValueOrDefault(type).Writes / (double)x.Projects).Median:0.###} | {Figure.Of(all, x => x.Storage.States.GetValueOrDefault(type).PayloadBytes / (double)x.Projects).Median:N0} (net growth of stored rows) |\n");
            }

            r.Append(CultureInfo.InvariantCulture, $"| rows of `orleansreminderstable` (inserted + updated + deleted) | {Figure.Of(all, x => x.Storage.ReminderRowChanges / (double)x.Projects).Median:0.###} | |\n");
            r.Append(CultureInfo.InvariantCulture, $"| grain-state writes, all types (`sum(version)`) | {Figure.Of(all, x => x.Storage.GrainStateWrites / (double)x.Projects).Format("0.##")} | |\n");
            r.Append(CultureInfo.InvariantCulture, $"| **all row writes (grain state + reminder rows)** | **{Figure.Of(all, x => x.WritesPerWorkflow).Format("0.##")}** | |\n");
            r.Append(CultureInfo.InvariantCulture, $"| WAL written | | {Figure.Of(all, x => x.Storage.WalBytes / (double)x.Projects).Median:N0} |\n");
            r.Append(CultureInfo.InvariantCulture,
                $"\nCommits per workflow: {Figure.Of(all, x => x.Storage.Commits / (double)x.Projects).Format("0.##")}; WAL flushes (fsync) per workflow: {Figure.Of(all, x => x.Storage.WalSyncs / (double)x.Projects).Format("0.##")}; row writes per flush: {Figure.Of(all, x => x.Storage.WalSyncs == 0 ? 0 : x.Storage.RowWrites / (double)x.Storage.WalSyncs).Format("0.#")} (group commit, ours and PostgreSQL's).\n\n");
        }

        r.Append("\n### CPU per workflow\n\nCPU time each process used during a run (from /proc), divided by N; the machine has ")
            .Append(Environment.ProcessorCount).Append(" cores, so the sum bounds the throughput at cores / sum.\n\n");
        r.Append("| storage | how | way in | projects | silo ms | PostgreSQL ms | gateway ms | benchmark (client) ms | sum ms | bound workflows/s |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var group in results.Groups)
        {
            var g = group.ToList();
            double Per(Func<CpuUse, double> pick, OrchestrationRun x) => pick(x.Cpu) * 1000 / x.Projects;
            var sum = Figure.Of(g, x => Per(c => c.Total, x)).Median;
            r.Append(CultureInfo.InvariantCulture,
                $"| {group.Key.Store} | {group.Key.Variant} | {group.Key.Driver} | {group.Key.Projects:N0} | {Figure.Of(g, x => Per(c => c.Silo, x)).Median:0.00} | {Figure.Of(g, x => Per(c => c.Postgres, x)).Median:0.00} | {Figure.Of(g, x => Per(c => c.Gateway, x)).Median:0.00} | {Figure.Of(g, x => Per(c => c.Benchmark, x)).Median:0.00} | {sum:0.00} | {(sum > 0 ? Environment.ProcessorCount * 1000 / sum : 0):N0} |\n");
        }

        return r.Append('\n').ToString();
    }
}
