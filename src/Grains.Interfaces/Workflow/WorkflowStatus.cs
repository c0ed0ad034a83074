namespace MoviePipeline.Workflow;

/// <summary>
/// A snapshot of a project's workflow. <see cref="Version"/> grows with every change, so a
/// reader can tell a new state from one it has seen.
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.WorkflowStatus")]
public sealed record WorkflowStatus(
    long ProjectId,
    WorkflowStatusCode Status,
    int Progress,
    string? ErrorMessage,
    WorkflowPhase? CurrentPhase,
    int CompletedPhases,
    bool PauseRequested,
    int Attempt,
    string? Message,
    IReadOnlyList<PhaseStatus> Phases,
    long Version,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime UpdatedAt,
    // The project revision the workflow is for (runs make the movie of this one).
    int Revision = 1);
