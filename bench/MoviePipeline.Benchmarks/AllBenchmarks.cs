using System.Globalization;
using System.Text;
using MoviePipeline.Benchmarks.Database;
using MoviePipeline.Benchmarks.Memory;
using MoviePipeline.Benchmarks.Orchestration;
using MoviePipeline.Benchmarks.Parser;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.Benchmarks.StatusLoad;

namespace MoviePipeline.Benchmarks;

/// <summary>
/// Every benchmark of issue 7 in one session (one PostgreSQL server, one set of projects), then one
/// report that starts with the figures against their targets. What scripts/bench.sh runs.
/// </summary>
public sealed class AllBenchmarks : IBenchmarkCommand
{
    private const string Client = "Orleans client";
    private const string Http = "HTTP gateway";

    public string Name => "all";

    public string Description => "all of the above in one session, one report with the targets (what scripts/bench.sh runs)";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var sections = new StringBuilder();
        string header;
        string pgbench;
        BenchmarkSession session;
        await using (session = await BenchmarkSession.StartAsync(options, log, cancellationToken))
        {
            header = SessionRunner.Header("MoviePipeline benchmarks", session);
            ISessionBenchmark[] benchmarks = [new OrchestrationBenchmark(), new StatusLoadBenchmark(), new MemoryBenchmark()];
            foreach (var benchmark in benchmarks)
                sections.Append(await benchmark.RunInSessionAsync(session, cancellationToken));
            pgbench = await new PgbenchBenchmark().RunInSessionAsync(session, cancellationToken);
        }

        // The parser runs in this process: on its own, after the service has stopped.
        var parser = await new ParserBenchmark().RunAsync(options, log, cancellationToken);
        sections.Append("## 4. Parser throughput\n\n").Append(Demote(parser)).Append('\n').Append(pgbench);

        return header + Summary(session) + sections + SessionRunner.Footer(options);
    }

    private static string Summary(BenchmarkSession session)
    {
        var r = new StringBuilder("## Summary against the targets\n\n| figure | measured (median) | target | met |\n|---|---:|---|---|\n");
        void Row(string figure, double value, string format, string target, bool met) =>
            r.Append(CultureInfo.InvariantCulture, $"| {figure} | {value.ToString(format, CultureInfo.InvariantCulture)} | {target} | {(double.IsNaN(value) ? "n/a" : met ? "yes" : "**no**")} |\n");

        if (session.Orchestration is { } o)
        {
            foreach (var variant in new[] { OrchestrationRun.CreateAndStart, OrchestrationRun.StartOnly })
            {
                foreach (var size in o.Sizes(variant))
                {
                    var client = o.WorkflowsPerSecond(Client, variant, size);
                    var http = o.WorkflowsPerSecond(Http, variant, size);
                    Row($"no-op workflows/s through the client, {size:N0} {variant}", client, "N0", "≥ 1,000", client >= 1_000);
                    Row($"no-op workflows/s through HTTP, {size:N0} {variant}", http, "N0", "≥ half the client's", http >= client / 2);
                }
            }

            foreach (var size in o.Sizes(OrchestrationRun.StartOnly, OrchestrationRun.Memory))
            {
                var memory = o.WorkflowsPerSecond(Client, OrchestrationRun.StartOnly, size, OrchestrationRun.Memory);
                Row($"no-op workflows/s through the client, {size:N0} {OrchestrationRun.StartOnly}, state and reminders in memory",
                    memory, "N0", "(reported; WorkflowCore in memory: 3,348)", true);
            }

            // What the checkpoints need (bench/README.md counts them): 15 row writes for a created and started
            // no-op workflow, plus its share of the index and id-block writes that creates share (~0.08).
            var writes = o.WritesPerWorkflow(OrchestrationRun.CreateAndStart);
            Row("storage writes per workflow (created and started)", writes, "0.##", "≤ 15.1, what the checkpoints need (bench/README.md)", writes <= 15.1);
        }

        if (session.StatusLoad is { } s)
        {
            var p99 = s.P99At(2_000) ?? double.NaN;
            Row("status p99 at 2,000 requests/s (ms)", p99, "0.00", "< 5 ms", p99 < 5);
            Row("highest status rate with p99 < 10 ms (req/s)", s.HighestRateHeld(StatusLoadBenchmark.LatencyLimitMs), "N0", "(reported)", true);
        }

        if (session.Memory is { Count: > 0 } m)
        {
            var resident = Percentiles.Median(m.Select(x => x.ResidentBytesPerProject)) / 1024;
            var heap = Percentiles.Median(m.Select(x => x.GcBytesPerProject)) / 1024;
            Row("resident memory per activated idle project (KB)", resident, "0.00", "< 10 KB", resident < 10);
            Row("GC heap per activated idle project (KB)", heap, "0.00", "< 10 KB", heap < 10);
        }

        if (session.Pgbench is { } p && session.Orchestration is { } orchestration)
        {
            var size = orchestration.Sizes(OrchestrationRun.StartOnly).DefaultIfEmpty(0).Max();
            var ours = orchestration.WorkflowsPerSecond(Client, OrchestrationRun.StartOnly, size) * orchestration.WritesPerWorkflow(OrchestrationRun.StartOnly);
            foreach (var clients in new[] { 1, 8 })
            {
                var limit = p.UpsertsPerSecond(clients);
                Row($"our row writes/s (client workflows/s × writes/workflow, {size:N0} started at once) as a fraction of pgbench at {clients} client(s) ({limit:N0} upserts/s)",
                    limit > 0 ? ours / limit : double.NaN, "P0", "(reported)", true);
            }
        }

        return r.Append('\n').ToString();
    }

    /// <summary>The parser's own report, its headings one level down and without its machine lines (the header has them).</summary>
    private static string Demote(string report) => string.Join('\n', report.Split('\n')
        .Where(l => !l.StartsWith("# ", StringComparison.Ordinal) && !l.StartsWith("- Machine:", StringComparison.Ordinal)
                    && !l.StartsWith("- Runtime:", StringComparison.Ordinal) && !l.StartsWith("- Date:", StringComparison.Ordinal)
                    && !l.StartsWith("Command:", StringComparison.Ordinal))
        .Select(l => l.StartsWith("## ", StringComparison.Ordinal) ? "#" + l : l)).TrimStart('\n') + "\n";
}
