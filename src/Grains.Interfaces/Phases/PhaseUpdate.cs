using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>
/// One item of a phase run's stream to the workflow that runs it: a progress report, or (the last item) how the run
/// ended. Progress travels with the answer to the workflow's call, so no phase ever calls the workflow back.
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseUpdate")]
public sealed record PhaseUpdate(PhaseProgress? Progress, PhaseOutcome? Outcome)
{
    public static PhaseUpdate Report(PhaseProgress progress) => new(progress, null);

    public static PhaseUpdate Ended(PhaseOutcome outcome) => new(null, outcome);
}
