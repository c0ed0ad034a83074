using MoviePipeline.Benchmarks.Reporting;

namespace MoviePipeline.Benchmarks.StatusLoad;

/// <summary>The status benchmark's steps: per target rate, one result per run.</summary>
public sealed class StatusLoadResults(IReadOnlyList<IReadOnlyList<LoadStepResult>> steps)
{
    public IReadOnlyList<IReadOnlyList<LoadStepResult>> Steps { get; } = steps;

    /// <summary>The highest target rate whose runs held it (median achieved ≥ 95 %) with median p99 under the limit; 0 if none.</summary>
    public double HighestRateHeld(double p99LimitMs) => Steps
        .Where(s => Percentiles.Median(s.Select(r => r.P99)) < p99LimitMs
                    && Percentiles.Median(s.Select(r => r.AchievedRate)) >= 0.95 * s[0].TargetRate
                    && s.All(r => r.Failed == 0))
        .Select(s => s[0].TargetRate)
        .DefaultIfEmpty(0)
        .Max();

    /// <summary>The median p99 at the given target rate, or null when that rate was not run.</summary>
    public double? P99At(double rate) =>
        Steps.FirstOrDefault(s => s[0].TargetRate == rate) is { } step ? Percentiles.Median(step.Select(r => r.P99)) : null;
}
