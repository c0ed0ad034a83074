namespace MoviePipeline.Benchmarks.Database;

/// <summary>One pgbench run: transactions (each one single-row upsert) per second and mean latency.</summary>
public sealed record PgbenchRun(int Clients, double TransactionsPerSecond, double LatencyMs);
