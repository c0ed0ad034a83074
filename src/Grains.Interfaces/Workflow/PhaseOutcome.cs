namespace MoviePipeline.Workflow;

/// <summary>How a phase run ended. A failure that is not <see cref="Retryable"/> fails the project at once.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseOutcome")]
public sealed record PhaseOutcome(string RunId, bool Succeeded, string Message, bool Retryable, SceneWork? Work = null)
{
    public static PhaseOutcome Success(string runId, PhaseSummary summary) => new(runId, true, summary.Message, false, summary.Work);
    public static PhaseOutcome Failure(string runId, string message, bool retryable) => new(runId, false, message, retryable);
}
