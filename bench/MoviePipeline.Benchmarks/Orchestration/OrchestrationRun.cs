using MoviePipeline.Benchmarks.Service;

namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>
/// One run: <see cref="Projects"/> projects created and started at once through one driver, until
/// every workflow completed. Times are wall-clock from the first request to the last completion.
/// </summary>
public sealed record OrchestrationRun(
    string Driver,
    string Variant,
    int Projects,
    int Completed,
    int Failed,
    double ElapsedSeconds,
    double CreateP50Ms,
    double CreateP99Ms,
    double StartToCompletedP50Ms,
    double StartToCompletedP99Ms,
    StorageDelta Storage,
    CpuUse Cpu,
    IReadOnlyList<long> CompletedIds,
    string Store = OrchestrationRun.Postgres)
{
    public const string CreateAndStart = "created and started at once";
    public const string StartOnly = "started at once (created before)";

    /// <summary>Where grain state and reminders are kept: PostgreSQL (durable), or the silo's memory (nothing durable).</summary>
    public const string Postgres = "PostgreSQL";
    public const string Memory = "memory";

    /// <summary>Completed workflows per second of wall-clock time (first request sent to last completion).</summary>
    public double WorkflowsPerSecond => ElapsedSeconds > 0 ? Completed / ElapsedSeconds : 0;

    /// <summary>Grain-state writes plus reminder rows inserted and deleted, per project.</summary>
    public double WritesPerWorkflow => Projects == 0 ? 0 : Storage.RowWrites / (double)Projects;
}

/// <summary>CPU seconds each process spent during a run.</summary>
public sealed record CpuUse(double Silo, double Gateway, double Postgres, double Benchmark)
{
    public double Total => Silo + Gateway + Postgres + Benchmark;

    public static CpuUse operator -(CpuUse a, CpuUse b) =>
        new(a.Silo - b.Silo, a.Gateway - b.Gateway, a.Postgres - b.Postgres, a.Benchmark - b.Benchmark);
}
