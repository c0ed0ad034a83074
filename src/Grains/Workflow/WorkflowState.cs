namespace MoviePipeline.Workflow;

/// <summary>
/// The persisted state of one project's workflow. Every change raises <see cref="Version"/>
/// and is recorded in <see cref="History"/>; it is written before it is reported.
/// </summary>
[GenerateSerializer, Alias("MoviePipeline.WorkflowState")]
public sealed class WorkflowState
{
    [Id(0)] public WorkflowStatusCode Status { get; set; } = WorkflowStatusCode.Draft;
    [Id(1)] public int Progress { get; set; }

    /// <summary>True while the run loop should be going: started, and not paused, failed or completed.</summary>
    [Id(2)] public bool Active { get; set; }

    /// <summary>The checkpoint: how many phases have completed (0 to 3).</summary>
    [Id(3)] public int CompletedPhases { get; set; }

    [Id(4)] public bool PauseRequested { get; set; }
    [Id(5)] public WorkflowPhase? CurrentPhase { get; set; }

    /// <summary>The run of <see cref="CurrentPhase"/> in flight; kept so a workflow resumed after a crash joins it.</summary>
    [Id(6)] public string? RunId { get; set; }

    [Id(7)] public int RunSequence { get; set; }

    /// <summary>Attempts of the current phase since the workflow was last started.</summary>
    [Id(8)] public int Attempt { get; set; }

    [Id(9)] public string? ErrorMessage { get; set; }
    [Id(10)] public string? Message { get; set; }
    [Id(11)] public long Version { get; set; }
    [Id(12)] public DateTime? StartedAt { get; set; }
    [Id(13)] public DateTime? CompletedAt { get; set; }
    [Id(14)] public DateTime UpdatedAt { get; set; }
    [Id(15)] public List<PhaseRecord> Phases { get; set; } = [];
    [Id(16)] public List<WorkflowEvent> History { get; set; } = [];
}

/// <summary>The persisted record of one phase.</summary>
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

    public PhaseStatus ToStatus() => new(Phase, Status, Attempts, Runs, StartedAt, CompletedAt, LastError);
}
