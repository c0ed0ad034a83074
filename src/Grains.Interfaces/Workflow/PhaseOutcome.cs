namespace MoviePipeline.Workflow;

/// <summary>How a phase run ended. A failure that is not <see cref="Retryable"/> fails the project at once.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseOutcome")]
public sealed record PhaseOutcome(string RunId, bool Succeeded, string Message, bool Retryable)
{
    public static PhaseOutcome Success(string runId, string message) => new(runId, true, message, false);
    public static PhaseOutcome Failure(string runId, string message, bool retryable) => new(runId, false, message, retryable);
}
