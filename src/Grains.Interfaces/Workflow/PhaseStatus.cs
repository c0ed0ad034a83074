namespace MoviePipeline.Workflow;

/// <summary>Where one phase stands: how often it ran and how its last run ended.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseStatus")]
public sealed record PhaseStatus(
    WorkflowPhase Phase,
    PhaseRunStatus Status,
    int Attempts,
    int Runs,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    string? LastError,
    // Of the last completed run: scenes whose work it made, and scenes whose work it found made before.
    SceneWork? Work = null);
