namespace MoviePipeline.Benchmarks.StatusLoad;

/// <summary>What the load generator measured in one step at a fixed request rate (latencies in milliseconds).</summary>
public sealed record LoadStepResult(
    double TargetRate,
    double Seconds,
    int Sent,
    int Succeeded,
    int Failed,
    double AchievedRate,
    double P50,
    double P90,
    double P99,
    double P999,
    double Max,
    string? FirstError)
{
    /// <summary>CPU used per process during the step, in percent of one core (filled in by the parent).</summary>
    public IReadOnlyDictionary<string, double> CpuPercent { get; init; } = new Dictionary<string, double>();
}
