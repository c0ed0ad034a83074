using MoviePipeline.Benchmarks.Reporting;

namespace MoviePipeline.Benchmarks.Database;

/// <summary>All pgbench runs of a session.</summary>
public sealed class PgbenchResults(IReadOnlyList<PgbenchRun> runs, int payloadBytes)
{
    public IReadOnlyList<PgbenchRun> Runs { get; } = runs;

    public int PayloadBytes { get; } = payloadBytes;

    /// <summary>The median upserts per second at the given number of clients.</summary>
    public double UpsertsPerSecond(int clients) => Percentiles.Median(Runs.Where(r => r.Clients == clients).Select(r => r.TransactionsPerSecond));
}
