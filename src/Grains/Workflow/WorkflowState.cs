using System.Collections.Immutable;

namespace MoviePipeline.Workflow;

/// <summary>
/// How a workflow's state is stored (grain state "workflow"): <see cref="WorkflowMachineState"/> and the history of its
/// changes. The <c>[Id]</c>s, the alias and the class name are the stored format (binary rows carry the alias, JSON
/// rows the type name): rows written by earlier versions still read.
/// </summary>
[GenerateSerializer, Alias("MoviePipeline.WorkflowMachineState")]
public sealed class WorkflowState
{
    [Id(0)] public WorkflowStatusCode Status { get; set; } = WorkflowStatusCode.Draft;
    [Id(1)] public int Progress { get; set; }

    /// <summary>Written for readers of older versions; the rules derive it from <see cref="Status"/>.</summary>
    [Id(2)] public bool Active { get; set; }

    [Id(3)] public int CompletedPhases { get; set; }
    [Id(4)] public bool PauseRequested { get; set; }
    [Id(5)] public WorkflowPhase? CurrentPhase { get; set; }
    [Id(6)] public string? RunId { get; set; }
    [Id(7)] public int RunSequence { get; set; }
    [Id(8)] public int Attempt { get; set; }
    [Id(9)] public string? ErrorMessage { get; set; }
    [Id(10)] public string? Message { get; set; }
    [Id(11)] public long Version { get; set; }
    [Id(12)] public DateTime? StartedAt { get; set; }
    [Id(13)] public DateTime? CompletedAt { get; set; }
    [Id(14)] public DateTime UpdatedAt { get; set; }
    [Id(15)] public List<PhaseRecord> Phases { get; set; } = [];
    [Id(16)] public List<WorkflowEvent> History { get; set; } = [];

    /// <summary>The project revision; 0 in rows written before edits existed, which were all revision 1.</summary>
    [Id(17)] public int Revision { get; set; }

    public WorkflowMachineState ToState(long projectId) => Phases.Count == 0
        ? WorkflowMachineState.Initial(projectId)
        : new(projectId, Status, Progress, Message, ErrorMessage, CompletedPhases, CurrentPhase, RunId, RunSequence, Attempt,
            PauseRequested, Version, StartedAt, CompletedAt, UpdatedAt, [.. Phases.Select(p => p.ToStatus())], Math.Max(1, Revision));

    /// <summary>
    /// A new stored form: <paramref name="state"/> with <paramref name="changes"/> appended to this history, keeping the
    /// newest <paramref name="historyLimit"/>. New, not changed in place: a write in flight may still be serializing this
    /// object on another thread, and must see it whole.
    /// </summary>
    public WorkflowState With(WorkflowMachineState state, ImmutableArray<WorkflowEvent> changes, int historyLimit) => new()
    {
        Status = state.Status,
        Progress = state.Progress,
        Active = state.Running,
        CompletedPhases = state.CompletedPhases,
        PauseRequested = state.PauseRequested,
        CurrentPhase = state.CurrentPhase,
        RunId = state.RunId,
        RunSequence = state.RunSequence,
        Attempt = state.Attempt,
        ErrorMessage = state.ErrorMessage,
        Message = state.Message,
        Version = state.Version,
        StartedAt = state.StartedAt,
        CompletedAt = state.CompletedAt,
        UpdatedAt = state.UpdatedAt,
        Phases = [.. state.Phases.Select(PhaseRecord.From)],
        History = [.. History.Concat(changes).TakeLast(historyLimit)],
        Revision = state.Revision,
    };
}

/// <summary>How one phase's record is stored.</summary>
[GenerateSerializer, Alias("MoviePipeline.PhaseRecord")]
public sealed class PhaseRecord
{
    [Id(0)] public WorkflowPhase Phase { get; set; }
    [Id(1)] public PhaseRunStatus Status { get; set; }
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public int Runs { get; set; }
    [Id(4)] public DateTime? StartedAt { get; set; }
    [Id(5)] public DateTime? CompletedAt { get; set; }
    [Id(6)] public string? LastError { get; set; }
    [Id(7)] public SceneWork? Work { get; set; }

    public PhaseStatus ToStatus() => new(Phase, Status, Attempts, Runs, StartedAt, CompletedAt, LastError, Work);

    public static PhaseRecord From(PhaseStatus status) => new()
    {
        Phase = status.Phase,
        Status = status.Status,
        Attempts = status.Attempts,
        Runs = status.Runs,
        StartedAt = status.StartedAt,
        CompletedAt = status.CompletedAt,
        LastError = status.LastError,
        Work = status.Work,
    };
}
