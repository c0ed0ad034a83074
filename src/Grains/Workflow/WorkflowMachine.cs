using System.Collections.Immutable;

namespace MoviePipeline.Workflow;

// The rules of a project's workflow, all of them, as one pure function: (state, command) → decision.
// No I/O, no Orleans, no clock: the time of a command is passed in with it. The grain
// (ProjectWorkflowGrain) loads the state, asks Decide, persists what the decision says, then acts.
//
//   draft ──start──▶ parsing ─▶ parsed ─▶ generating_storyboard ─▶ generating_videos ─▶ assembling ─▶ completed
//                      │  a phase that fails for good ──▶ failed ──start──▶ (on from the failed phase)
//                      │  pause (taken at the next checkpoint between phases) ──▶ paused ──resume/start──▶ …
//   completed ──start──▶ parsing … (the whole pipeline again; work whose inputs did not change is reused)
//   any but running ──edit──▶ draft of the new revision (every phase pending, outputs kept for reuse)
//
// A phase runs under a run id. The run id is saved before the phase is called, so a workflow that
// lost its activation (a silo crash) joins the same run instead of starting the work twice.

/// <summary>The workflow's state as its rules see it. The grain stores it as <see cref="WorkflowState"/>.</summary>
public sealed record WorkflowMachineState(
    long ProjectId,
    WorkflowStatusCode Status,
    int Progress,
    string? Message,
    string? ErrorMessage,
    // The checkpoint: how many phases have completed (0 to 3).
    int CompletedPhases,
    WorkflowPhase? CurrentPhase,
    // The run of CurrentPhase in flight, or null between runs.
    string? RunId,
    int RunSequence,
    // Attempts of the current phase since the workflow was last started or resumed.
    int Attempt,
    bool PauseRequested,
    long Version,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime UpdatedAt,
    ImmutableArray<PhaseStatus> Phases,
    // The project's revision: 1 when created, one more with every accepted edit.
    int Revision = 1)
{
    /// <summary>Started, and not paused, failed or completed: the run loop should be going.</summary>
    public bool Running => Status is WorkflowStatusCode.Parsing or WorkflowStatusCode.Parsed
        or WorkflowStatusCode.GeneratingStoryboard or WorkflowStatusCode.GeneratingVideos or WorkflowStatusCode.Assembling;

    /// <summary>The phase after the checkpoint.</summary>
    public WorkflowPhase NextPhase => PhasePlan.PhaseAt(Math.Min(CompletedPhases + 1, PhasePlan.PhaseCount));

    /// <summary>A project's workflow before it was created: version 0, every phase pending.</summary>
    public static WorkflowMachineState Initial(long projectId) => new(
        projectId, WorkflowStatusCode.Draft, 0, null, null, 0, null, null, 0, 0, false, 0, null, null, default,
        [.. Enumerable.Range(1, PhasePlan.PhaseCount).Select(n => new PhaseStatus(PhasePlan.PhaseAt(n), PhaseRunStatus.Pending, 0, 0, null, null, null))]);

    /// <summary>What readers are shown.</summary>
    public WorkflowStatus ToStatus() => new(
        ProjectId, Status, Progress, ErrorMessage, CurrentPhase, CompletedPhases, PauseRequested, Attempt, Message,
        Phases, Version, StartedAt, CompletedAt, UpdatedAt, Revision);

    internal PhaseStatus PhaseOf(WorkflowPhase phase) => Phases[(int)phase - 1];

    internal WorkflowMachineState WithPhase(PhaseStatus phase) => this with { Phases = Phases.SetItem((int)phase.Phase - 1, phase) };
}

/// <summary>What can happen to a workflow. <see cref="At"/> is the time it happens.</summary>
public abstract record WorkflowCommand(DateTime At);

/// <summary>The project was created.</summary>
public sealed record CreateWorkflow(DateTime At) : WorkflowCommand(At);

public sealed record StartWorkflow(DateTime At) : WorkflowCommand(At);

public sealed record PauseWorkflow(DateTime At) : WorkflowCommand(At);

public sealed record ResumeWorkflow(DateTime At) : WorkflowCommand(At);

/// <summary>The project's definition was edited into <paramref name="Revision"/> (saved before this is decided).</summary>
public sealed record EditProject(int Revision, DateTime At) : WorkflowCommand(At);

/// <summary>The run loop's next step is due: at a checkpoint, after a phase ended, or when a retry's wait is over.</summary>
public sealed record ContinueWorkflow(DateTime At) : WorkflowCommand(At);

/// <summary>
/// The phase run <paramref name="RunId"/> reports how far it got. <paramref name="Watched"/>: a reader waits for the
/// workflow's next change, so the report is written at once; otherwise it is recorded and goes with the next write.
/// </summary>
public sealed record PhaseProgressed(string RunId, double Fraction, string Message, bool Assembling, DateTime At, bool Watched = true)
    : WorkflowCommand(At);

/// <summary>The phase run <paramref name="RunId"/> succeeded; <paramref name="Work"/> counts its scenes made and reused.</summary>
public sealed record PhaseCompleted(string RunId, string Message, DateTime At, SceneWork? Work = null) : WorkflowCommand(At);

/// <summary>
/// The phase run failed. Not <paramref name="Retryable"/>: trying again cannot help. <paramref name="LostSilo"/>: the silo
/// running it died, which costs the run but not an attempt.
/// </summary>
public sealed record PhaseFailed(string RunId, string Message, bool Retryable, bool LostSilo, DateTime At) : WorkflowCommand(At);

/// <summary>What the grain does after persisting a decision.</summary>
public enum WorkflowStep
{
    /// <summary>Nothing: a request was answered, or the loop has nothing left to do.</summary>
    None,

    /// <summary>The run loop takes its next step (and is started, with its recovery reminder, if it is not going).</summary>
    Continue,

    /// <summary>Run (or join) <see cref="WorkflowDecision.Run"/>, then tell the rules how it ended.</summary>
    RunPhase,

    /// <summary>Wait <see cref="WorkflowDecision.RetryDelay"/>, then continue.</summary>
    RetryAfterDelay,

    /// <summary>The run is over (completed, paused or failed): the loop ends and the recovery reminder goes.</summary>
    Stop,
}

/// <summary>The answer to a start, pause or resume: how it was taken, with a sentence for people.</summary>
public sealed record CommandAnswer(CommandOutcome Outcome, string Message);

/// <summary>
/// The outcome of one command: the new state, the changes it records (each a new version, oldest first), whether it
/// must be written before anyone is told or anything is done, and what to do next.
/// </summary>
public sealed record WorkflowDecision(
    WorkflowMachineState State,
    ImmutableArray<WorkflowEvent> Changes,
    bool Persist,
    WorkflowStep Next,
    CommandAnswer? Answer = null,
    PhaseRun? Run = null,
    TimeSpan RetryDelay = default);

public static class WorkflowMachine
{
    /// <summary>The one function of the workflow's rules.</summary>
    public static WorkflowDecision Decide(WorkflowMachineState state, WorkflowCommand command, WorkflowOptions options) => command switch
    {
        CreateWorkflow c => new Changes(state).Record(WorkflowStatusCode.Draft, 0, "Project created.", c.At).Save(WorkflowStep.None),
        StartWorkflow c => Start(state, c.At, options),
        EditProject c => Edit(state, c),
        PauseWorkflow c => Pause(state, c.At),
        ResumeWorkflow c => Resume(state, c.At, options),
        ContinueWorkflow c => Continue(state, c.At, options),
        PhaseProgressed c => Progressed(state, c),
        PhaseCompleted c => Completed(state, c),
        PhaseFailed c => Failed(state, c, options),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a workflow command."),
    };

    private static WorkflowDecision Start(WorkflowMachineState state, DateTime at, WorkflowOptions options)
    {
        if (state.Status == WorkflowStatusCode.Completed)
            return RunAgain(state, at, options);
        if (state.Status == WorkflowStatusCode.Paused)
            return Resume(state, at, options);
        if (state.Running)
            return Refuse(state, $"The workflow is already running (status '{StatusNames.ToApi(state.Status)}').");

        // Draft, or failed: go on from the first phase not completed, keeping earlier outputs.
        var phase = state.NextPhase;
        var again = state.Status == WorkflowStatusCode.Failed;
        var changes = new Changes(state with
        {
            PauseRequested = false,
            ErrorMessage = null,
            Attempt = 0,
            RunId = null,
            StartedAt = state.StartedAt ?? at,
            CompletedAt = null,
        });
        changes.Record(PhasePlan.RunningStatus(phase), state.Progress, again
            ? $"Started again from phase {(int)phase} ({PhasePlan.DisplayName(phase)})."
            : "Workflow started.", at);
        BeginRun(changes, phase, at, options); // saved with the start: one write, two changes
        return changes.Save(WorkflowStep.Continue,
            Accepted(again ? "The workflow goes on from the phase that failed." : "The workflow has started."));
    }

    /// <summary>A completed workflow started again: every phase runs once more, and finds made what did not change.</summary>
    private static WorkflowDecision RunAgain(WorkflowMachineState state, DateTime at, WorkflowOptions options)
    {
        var changes = new Changes(FromTheTop(state) with { StartedAt = at });
        changes.Record(PhasePlan.RunningStatus(WorkflowPhase.ScriptToTrailer), 0,
            $"Started again for revision {state.Revision}: what was made before from the same inputs is reused.", at);
        BeginRun(changes, WorkflowPhase.ScriptToTrailer, at, options);
        return changes.Save(WorkflowStep.Continue, Accepted("The workflow has started again; only what changed is made again."));
    }

    /// <summary>
    /// An edit, saved in the project: the workflow becomes a draft of the new revision. Refused while it runs, so a
    /// run always sees one revision; a paused run is given up (its work is kept for reuse).
    /// </summary>
    private static WorkflowDecision Edit(WorkflowMachineState state, EditProject edit)
    {
        if (state.Running)
        {
            return Refuse(state, $"The workflow is running (status '{StatusNames.ToApi(state.Status)}'); " +
                "wait until it completes or fails, or pause it, then edit the project.");
        }
        if (edit.Revision <= state.Revision)
            return Unchanged(state, WorkflowStep.None, Accepted($"Revision {state.Revision} is saved."));

        return new Changes(FromTheTop(state) with { Revision = edit.Revision, StartedAt = null })
            .Record(WorkflowStatusCode.Draft, 0,
                $"Revision {edit.Revision} saved. Start the workflow to make its movie; what did not change is reused.", edit.At)
            .Save(WorkflowStep.None, Accepted($"Revision {edit.Revision} is saved."));
    }

    /// <summary>Every phase pending again, nothing in flight; run counts and the history stay.</summary>
    private static WorkflowMachineState FromTheTop(WorkflowMachineState state) => state with
    {
        CompletedPhases = 0,
        CurrentPhase = null,
        RunId = null,
        Attempt = 0,
        PauseRequested = false,
        ErrorMessage = null,
        CompletedAt = null,
        Phases = [.. state.Phases.Select(p => p with { Status = PhaseRunStatus.Pending, LastError = null, StartedAt = null, CompletedAt = null })],
    };

    private static WorkflowDecision Pause(WorkflowMachineState state, DateTime at)
    {
        if (state.Status == WorkflowStatusCode.Paused || (state.Running && state.PauseRequested))
            return Unchanged(state, WorkflowStep.None, Accepted("The workflow is already paused or will pause at the next checkpoint."));
        if (!state.Running)
            return Refuse(state, $"Only a running workflow can be paused; this one is '{StatusNames.ToApi(state.Status)}'.");

        return new Changes(state with { PauseRequested = true })
            .Record(state.Status, state.Progress, "Pause requested: the workflow stops after the current phase.", at)
            .Save(WorkflowStep.None, Accepted("The workflow will pause once the current phase finishes."));
    }

    private static WorkflowDecision Resume(WorkflowMachineState state, DateTime at, WorkflowOptions options)
    {
        if (state.Running && state.PauseRequested)
        {
            // The pause was not reached yet: cancel it and let the loop go on.
            return new Changes(state with { PauseRequested = false })
                .Record(state.Status, state.Progress, "Pause cancelled.", at)
                .Save(WorkflowStep.None, Accepted("The pause was cancelled; the workflow goes on."));
        }
        if (state.Status != WorkflowStatusCode.Paused)
            return Refuse(state, $"Only a paused workflow can be resumed; this one is '{StatusNames.ToApi(state.Status)}'.");

        var phase = state.NextPhase;
        var changes = new Changes(state with { PauseRequested = false, Attempt = 0, RunId = null });
        changes.Record(PhasePlan.RunningStatus(phase), state.Progress, "Workflow resumed.", at);
        BeginRun(changes, phase, at, options);
        return changes.Save(WorkflowStep.Continue, Accepted("The workflow has resumed."));
    }

    /// <summary>The loop's step: complete, pause at the checkpoint, or run the phase after it.</summary>
    private static WorkflowDecision Continue(WorkflowMachineState state, DateTime at, WorkflowOptions options)
    {
        if (!state.Running)
            return Unchanged(state, WorkflowStep.None);

        if (state.CompletedPhases >= PhasePlan.PhaseCount)
        {
            // The last phase's own summary goes into this record: its completion has none of its own.
            var last = state.PhaseOf(WorkflowPhase.StoryboardToMovie);
            return new Changes(state with { CurrentPhase = null, CompletedAt = at })
                .Record(WorkflowStatusCode.Completed, 100, last.Work is { } work ? $"The movie is ready ({work.Made} scene{(work.Made == 1 ? "" : "s")} made, {work.Reused} reused)." : "The movie is ready.", at)
                .Save(WorkflowStep.Stop);
        }

        // The checkpoint between phases: a pause asked for during a phase takes effect here.
        // A run already begun (recorded as started with the start or resume) goes first.
        if (state.PauseRequested && state.RunId is null)
        {
            return new Changes(state with { PauseRequested = false, CurrentPhase = null })
                .Record(WorkflowStatusCode.Paused, state.Progress,
                    $"Paused after {state.CompletedPhases} of {PhasePlan.PhaseCount} phases.", at)
                .Save(WorkflowStep.Stop);
        }

        var phase = state.NextPhase;
        // A run begun already (by start or resume, or before a crash) is joined, not begun again.
        if (state.CurrentPhase == phase && state.RunId is { } runId)
            return Unchanged(state, WorkflowStep.RunPhase) with { Run = new PhaseRun(state.ProjectId, phase, runId, state.Attempt) };

        var changes = new Changes(state);
        BeginRun(changes, phase, at, options);
        var begun = changes.Save(WorkflowStep.RunPhase);
        return begun with { Run = new PhaseRun(state.ProjectId, phase, begun.State.RunId!, begun.State.Attempt) };
    }

    private static WorkflowDecision Progressed(WorkflowMachineState state, PhaseProgressed report)
    {
        // Reports from a run this workflow no longer waits for (an earlier attempt) are dropped.
        if (!state.Running || report.RunId != state.RunId || state.CurrentPhase is not { } phase)
            return Unchanged(state, WorkflowStep.None);

        var status = report.Assembling && phase == WorkflowPhase.StoryboardToMovie ? WorkflowStatusCode.Assembling : state.Status;
        var percent = Math.Max(state.Progress, PhasePlan.ProgressWithin(phase, report.Fraction));
        if (percent == state.Progress && status == state.Status && report.Message == state.Message)
            return Unchanged(state, WorkflowStep.None);

        // Nobody is told of a change before it is saved, so a report nobody waits for can wait for the next write.
        var recorded = new Changes(state).Record(status, percent, report.Message, report.At);
        return report.Watched ? recorded.Save(WorkflowStep.None) : recorded.Keep(WorkflowStep.None);
    }

    private static WorkflowDecision Completed(WorkflowMachineState state, PhaseCompleted ended)
    {
        if (!state.Running || ended.RunId != state.RunId || state.CurrentPhase is not { } phase)
            return Unchanged(state, WorkflowStep.Continue);

        var record = state.PhaseOf(phase) with { Status = PhaseRunStatus.Completed, CompletedAt = ended.At, LastError = null, Work = ended.Work };
        var done = state.WithPhase(record) with { CompletedPhases = (int)phase, RunId = null, Attempt = 0 };
        // The last phase's checkpoint is the completion itself, which the next step records.
        if (phase == WorkflowPhase.StoryboardToMovie)
            return Unchanged(done, WorkflowStep.Continue);

        // Not written on its own: the next step (the next phase begun, or the pause) follows at once
        // and its one write carries both; the checkpoint keeps its own version and history entry.
        return new Changes(done with { CurrentPhase = null })
            .Record(PhasePlan.DoneStatus(phase), PhasePlan.Band(phase).End,
                $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) completed: {ended.Message}", ended.At)
            .Keep(WorkflowStep.Continue);
    }

    private static WorkflowDecision Failed(WorkflowMachineState state, PhaseFailed failure, WorkflowOptions options)
    {
        if (!state.Running || failure.RunId != state.RunId || state.CurrentPhase is not { } phase)
            return Unchanged(state, WorkflowStep.Continue);

        var name = $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)})";
        var attempt = failure.LostSilo ? state.Attempt - 1 : state.Attempt;
        var failed = state.WithPhase(state.PhaseOf(phase) with { LastError = failure.Message }) with { RunId = null, Attempt = attempt };
        if (failure.Retryable && attempt < options.MaxAttempts)
        {
            var delay = options.RetryDelay(Math.Max(1, attempt));
            return new Changes(failed)
                .Record(state.Status, state.Progress,
                    $"{name} attempt {attempt} failed: {failure.Message}. Retrying in {delay.TotalSeconds:0.###} s.", failure.At)
                .Save(WorkflowStep.RetryAfterDelay) with { RetryDelay = delay };
        }

        var error = failure.Retryable
            ? $"{name} failed after {attempt} attempts: {failure.Message}"
            : $"{name} failed: {failure.Message}";
        return new Changes(failed.WithPhase(failed.PhaseOf(phase) with { Status = PhaseRunStatus.Failed }) with
            {
                CurrentPhase = null,
                ErrorMessage = error,
            })
            .Record(WorkflowStatusCode.Failed, state.Progress, error, failure.At)
            .Save(WorkflowStep.Stop);
    }

    /// <summary>Records a new run of <paramref name="phase"/> as one change, under a new run id.</summary>
    private static void BeginRun(Changes changes, WorkflowPhase phase, DateTime at, WorkflowOptions options)
    {
        var state = changes.State;
        var sequence = state.RunSequence + 1;
        var attempt = state.Attempt + 1;
        var record = state.PhaseOf(phase);
        changes.State = state.WithPhase(record with
        {
            Status = PhaseRunStatus.Running,
            Work = null,
            Attempts = record.Attempts + 1,
            Runs = record.Runs + 1,
            StartedAt = at,
            CompletedAt = null,
        }) with
        {
            CurrentPhase = phase,
            RunSequence = sequence,
            RunId = $"{state.ProjectId}-{(int)phase}-{sequence}",
            Attempt = attempt,
        };
        var name = $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)})";
        changes.Record(PhasePlan.RunningStatus(phase), Math.Max(changes.State.Progress, PhasePlan.Band(phase).Start),
            attempt == 1 ? $"{name} started." : $"{name} started again, attempt {attempt} of {options.MaxAttempts}.", at);
    }

    private static CommandAnswer Accepted(string message) => new(CommandOutcome.Accepted, message);

    private static WorkflowDecision Refuse(WorkflowMachineState state, string message) =>
        Unchanged(state, WorkflowStep.None, new CommandAnswer(CommandOutcome.Conflict, message));

    private static WorkflowDecision Unchanged(WorkflowMachineState state, WorkflowStep next, CommandAnswer? answer = null) =>
        new(state, [], Persist: false, next, answer);

    /// <summary>Builds one decision: each recorded change is a new version, stamped with the state as it is then.</summary>
    private sealed class Changes(WorkflowMachineState state)
    {
        private readonly ImmutableArray<WorkflowEvent>.Builder _events = ImmutableArray.CreateBuilder<WorkflowEvent>();

        public WorkflowMachineState State { get; set; } = state;

        public Changes Record(WorkflowStatusCode status, int progress, string message, DateTime at)
        {
            State = State with { Status = status, Progress = progress, Message = message, Version = State.Version + 1, UpdatedAt = at };
            _events.Add(new WorkflowEvent(State.Version, at, status, progress, State.CurrentPhase, message, State.Revision));
            return this;
        }

        /// <summary>Written before anything else happens.</summary>
        public WorkflowDecision Save(WorkflowStep next, CommandAnswer? answer = null) => new(State, _events.ToImmutable(), Persist: true, next, answer);

        /// <summary>Recorded now, written with the next decision that saves.</summary>
        public WorkflowDecision Keep(WorkflowStep next) => new(State, _events.ToImmutable(), Persist: false, next);
    }
}
