using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.TestSupport.Cluster;

namespace MoviePipeline.Benchmarks.Database;

/// <summary>
/// Issue 7, figure 5: the physical limit beside the service. pgbench on the same PostgreSQL server (same
/// durable settings), each transaction one single-row upsert of a payload the size of a workflow state,
/// at 1 and 8 clients.
/// </summary>
public sealed partial class PgbenchBenchmark : ISessionBenchmark
{
    public const int Runs = 3;

    // About the size of a workflow state row (JSON, ~12 history entries) as the orchestration benchmark measures it.
    private const int DefaultPayloadBytes = 4_000;

    /// <summary>How long pgbench may take beyond its measured seconds (connecting, the summary).</summary>
    private static readonly TimeSpan PgbenchSetupAllowance = TimeSpan.FromSeconds(60);

    public string Name => "pgbench";

    public string Description => "pgbench single-row upserts per second on the same PostgreSQL, 1 and 8 clients";

    public async Task<string> RunInSessionAsync(BenchmarkSession session, CancellationToken cancellationToken)
    {
        var log = session.Log;
        var pgbench = FindPgbench();
        if (pgbench is null)
        {
            log.WriteLine("pgbench is not installed: skipping (scripts/bench.sh installs it).");
            return "## 5. PostgreSQL's own limit (pgbench)\n\nSkipped: pgbench is not installed (`apt-get install postgresql-contrib`, or run scripts/bench.sh).\n\n";
        }

        // The machine to itself: no silo or gateway beside it.
        await session.StopServiceAsync();
        var smoke = session.Options.Smoke;
        var runs = smoke ? 1 : Runs;
        var seconds = smoke ? 1 : 10;
        var payload = session.Orchestration?.WorkflowStateBytes is > 0 and var measured ? (int)measured : DefaultPayloadBytes;
        var connection = await session.Database.CreateDatabaseAsync("upsert_bench", cancellationToken);
        await using (var db = new Npgsql.NpgsqlConnection(connection))
        {
            await db.OpenAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand(
                "CREATE TABLE upsert_target (id integer PRIMARY KEY, payload text NOT NULL, version integer NOT NULL)", db);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var script = Path.Combine(session.LogDirectory, "upsert.sql");
        await File.WriteAllTextAsync(script, """
            \set id random(1, 100000)
            INSERT INTO upsert_target (id, payload, version) VALUES (:id, repeat('x', :size), 1)
            ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = upsert_target.version + 1;

            """, cancellationToken);

        var results = new List<PgbenchRun>();
        foreach (var clients in new[] { 1, 8 })
        {
            for (var run = 1; run <= runs; run++)
            {
                var result = await RunPgbenchAsync(pgbench, session, script, clients, seconds, payload, cancellationToken);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pgbench {clients} client(s), run {run}/{runs}: {result.TransactionsPerSecond:N0} upserts/s"));
                results.Add(result);
            }
        }

        session.Pgbench = new PgbenchResults(results, payload);
        return Report(session.Pgbench, runs, seconds);
    }

    private static async Task<PgbenchRun> RunPgbenchAsync(
        string pgbench, BenchmarkSession session, string script, int clients, int seconds, int payload, CancellationToken cancellationToken)
    {
        await using var process = ServiceProcess.StartProgram("pgbench", pgbench,
        [
            "-h", "127.0.0.1", "-p", session.Database.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-D", $"size={payload}", "-f", script, "upsert_bench",
        ], new Dictionary<string, string?>(), Path.Combine(session.LogDirectory, $"pgbench-{clients}.log"));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(seconds) + PgbenchSetupAllowance, cancellationToken);
        var output = string.Join('\n', process.Lines.TakeLast(40));
        var tps = TpsLine().Match(output);
        var latency = LatencyLine().Match(output);
        if (process.ExitCode != 0 || !tps.Success)
            throw new InvalidOperationException($"pgbench failed (exit code {process.ExitCode}):\n{output}");
        return new PgbenchRun(clients,
            double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    private static string? FindPgbench()
    {
        var candidates = new[] { "/usr/bin/pgbench" }
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pgbench"))
                : []);
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string Report(PgbenchResults results, int runs, int seconds)
    {
        var r = new StringBuilder();
        r.Append("## 5. PostgreSQL's own limit (pgbench)\n\n");
        r.Append(CultureInfo.InvariantCulture, $"""
            pgbench on the same server and settings (fsync on, synchronous_commit on), silo and gateway stopped. Each
            transaction is one single-row upsert (`INSERT … ON CONFLICT (id) DO UPDATE`, random id of 100,000, a
            {results.PayloadBytes:N0}-byte payload: the size of a completed workflow's state row as measured above), prepared statements,
            {seconds} s per run, median of {runs} runs (min–max).


            """);
        r.Append("| clients | upserts/s | mean latency ms |\n|---:|---:|---:|\n");
        foreach (var group in results.Runs.GroupBy(x => x.Clients))
            r.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {Figure.Of(group, x => x.TransactionsPerSecond).Format()} | {Figure.Of(group, x => x.LatencyMs).Median:0.000} |\n");
        return r.Append('\n').ToString();
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();
}
