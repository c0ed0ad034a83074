namespace MoviePipeline.Phases;

/// <summary>
/// Stands in for a remote provider's latency when media generation is off
/// (<see cref="PipelineOptions.SimulatedPhaseDuration"/>): the phase waits that long in
/// <see cref="Steps"/> equal steps and reports progress at the start of each.
/// </summary>
public static class SimulatedLatency
{
    public const int Steps = 10;

    /// <summary>
    /// Waits <paramref name="duration"/>, reporting fractions from <paramref name="from"/> towards
    /// <paramref name="to"/> (exclusive: the phase reports its own end). Returns at once for zero.
    /// </summary>
    public static async Task WaitAsync(
        PhaseContext context, TimeSpan duration, TimeProvider time, double from, double to, string activity)
    {
        if (duration <= TimeSpan.Zero) return;
        var step = duration / Steps;
        for (var i = 0; i < Steps; i++)
        {
            await context.ReportAsync(from + ((to - from) * i / Steps), $"{activity} (simulated): step {i + 1} of {Steps}.");
            await Task.Delay(step, time);
        }
    }
}
