using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Projects;
using MoviePipeline.Persistence;
using Orleans.Placement;
using Polly.Registry;

namespace MoviePipeline.Workflow;

/// <summary>
/// One per project: the shell around <see cref="WorkflowMachine"/>. It loads the state, asks the rules, persists what
/// they decide, then acts: its <see cref="WorkflowRunLoop"/> runs the phases, and the recovery reminder is kept while
/// the workflow runs. The project's definition is <see cref="ProjectDefinition"/>, a state of its own.
/// </summary>
/// <remarks>
/// Requests (start, pause, resume, queries) interleave with the run loop at its awaits; every decision is written
/// before anyone is told. Crash recovery: the reminder fires while the workflow runs, and any activation of a running
/// workflow restarts the loop, which joins the phase run in flight by its saved run id or runs the phase again.
/// Placed by activation count so that workflows spread over the silos (docs/design.md, "Storage and cluster").
/// </remarks>
[ActivationCountBasedPlacement]
public sealed partial class ProjectWorkflowGrain(
    [PersistentState(ProjectScripts.StateName)] IPersistentState<ProjectState> project,
    [PersistentState("workflow")] IPersistentState<WorkflowState> workflow,
    ProjectScripts scripts,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<ProjectWorkflowGrain> logger) : Grain, IProjectWorkflowGrain, IRemindable
{
    private readonly WorkflowOptions _options = options.Value;
    private ProjectDefinition _project = null!;
    private WorkflowWriter _writer = null!;
    private RecoveryReminder _reminder = null!;
    private WorkflowMachineState _state = null!;
    private SavedWorkflow _saved = null!;
    private WorkflowRunLoop _loop = null!;
    private WorkflowStatusCode? _countedStatus;

    private long ProjectId => this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _project = new ProjectDefinition(project, scripts, this.GetGrainId(), ProjectId);
        _project.DropScript();
        _reminder = new RecoveryReminder(this, _options.RecoveryReminderPeriod, logger);
        _state = workflow.State.ToState(ProjectId);
        _saved = new SavedWorkflow(_state.ToStatus(), time);
        _writer = new WorkflowWriter(workflow, _saved, pipelines.GetPipeline(WorkflowResilience.StoragePipeline), logger);
        _loop = new WorkflowRunLoop(this, GrainFactory, DecideAsync, () => _state, () => _saved.Watched, GetProjectAsync, _reminder,
            _options.RecoveryReminderPeriod, time, logger);
        if (_project.Exists) _countedStatus = WorkflowMetrics.StatusChanged(null, _state.Status);

        // A running workflow found at activation lost its loop with its previous activation.
        if (_project.Exists && _state.Running)
        {
            LogResuming(ProjectId, _state.Status, _state.CompletedPhases);
            _loop.Ensure();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _countedStatus = WorkflowMetrics.StatusChanged(_countedStatus, null);
        _saved.ReleaseReaders();
        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(ProjectDraft draft)
    {
        if (_project.Exists) return false;
        // The only write of the definition until an edit: see ProjectScripts.
        await WriteOrLeaveAsync(() => _project.CreateAsync(draft, Now()), $"Saving project {ProjectId}");
        await WriteOrLeaveAsync(() => DecideAsync(new CreateWorkflow(Now())), $"Saving the workflow of project {ProjectId}");
        return true;
    }

    // Queries answer from the last saved state, even while a write waits out a storage outage.

    public async Task<ProjectSnapshot?> GetProjectAsync() => _project.Exists ? await _project.SnapshotAsync(_saved.Status) : null;

    public Task<ProjectSummary?> GetSummaryAsync() => Task.FromResult(_project.Exists ? _project.Summary(_saved.Status) : null);

    public Task<long?> GetOwnerAsync() => Task.FromResult(_project.Exists ? _project.Current.UserId : (long?)null);

    public Task<WorkflowStatus?> GetStatusAsync() => Task.FromResult(_project.Exists ? Shown().Status : null);

    public Task<IReadOnlyList<WorkflowEvent>> GetHistoryAsync(long afterVersion) => Task.FromResult(SavedHistory(afterVersion));

    public async Task<IReadOnlyList<WorkflowEvent>> WaitForChangeAsync(long afterVersion, TimeSpan timeout)
    {
        Shown();
        await _saved.WaitAsync(afterVersion, timeout < IProjectWorkflowGrain.MaxChangeWait ? timeout : IProjectWorkflowGrain.MaxChangeWait);
        return SavedHistory(afterVersion);
    }

    public async Task<WorkflowCommandResult> EditAsync(ProjectEdit edit)
    {
        if (!_project.Exists) return NotFound();
        await CatchUpWithEditsAsync();
        var check = WorkflowMachine.Decide(_state, new EditProject(_project.Current.CurrentRevision + 1, Now()), _options);
        if (check.Answer!.Outcome != CommandOutcome.Accepted) return new(check.Answer.Outcome, check.Answer.Message, _saved.Status);

        // The definition first, then the workflow: should the second write fail, the next command catches up with it.
        var edited = await WriteOrLeaveAsync(() => _project.EditAsync(edit, Now()), $"Saving project {ProjectId}");
        return await CommandAsync(new EditProject(edited.Revision, Now()));
    }

    public Task<WorkflowCommandResult> StartAsync() => CommandAsync(new StartWorkflow(Now()));

    public Task<WorkflowCommandResult> PauseAsync() => CommandAsync(new PauseWorkflow(Now()));

    public Task<WorkflowCommandResult> ResumeAsync() => CommandAsync(new ResumeWorkflow(Now()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RecoveryReminder.Name) return Task.CompletedTask;
        if (_project.Exists && _state.Running)
        {
            _loop.Ensure();
            return Task.CompletedTask;
        }
        return _reminder.RemoveAsync();
    }

    /// <summary>An edit saved in the project but not yet in the workflow (its write failed) is recorded first.</summary>
    private async Task CatchUpWithEditsAsync()
    {
        if (_project.Current.CurrentRevision <= _state.Revision || _state.Running) return;
        await WriteOrLeaveAsync(() => DecideAsync(new EditProject(_project.Current.CurrentRevision, Now())), $"Saving the workflow of project {ProjectId}");
    }

    private async Task<WorkflowCommandResult> CommandAsync(WorkflowCommand command)
    {
        if (!_project.Exists) return NotFound();
        if (command is not EditProject) await CatchUpWithEditsAsync();

        // The reminder first, then the state that says "running": once that is saved, the reminder brings the workflow
        // back whatever becomes of this activation. A failure on the way changes nothing the caller could see.
        if (WorkflowMachine.Decide(_state, command, _options).Next == WorkflowStep.Continue)
            await StorageFailures.RunAsync(_reminder.EnsureAsync, $"Registering the recovery reminder of project {ProjectId}");
        // Decided again: another request may have changed the state while the reminder was registered. A start that
        // reached storage but whose answer failed still runs: its reminder is registered.
        var decision = await WriteOrLeaveAsync(() => DecideAsync(command), $"Saving the workflow of project {ProjectId}");
        if (decision.Next == WorkflowStep.Continue) _loop.Ensure();
        return new(decision.Answer!.Outcome, decision.Answer.Message, _saved.Status);
    }

    /// <summary>
    /// A write on a request's path. When it fails this activation may be ahead of storage, so it goes and the next
    /// activation reads what was saved; the caller is told storage is unavailable.
    /// </summary>
    private async Task<T> WriteOrLeaveAsync<T>(Func<Task<T>> write, string what)
    {
        try
        {
            return await StorageFailures.RunAsync(write, what);
        }
        catch (ProjectStorageUnavailableException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private Task WriteOrLeaveAsync(Func<Task> write, string what) => WriteOrLeaveAsync(async () => { await write(); return true; }, what);

    private WorkflowCommandResult NotFound() => new(CommandOutcome.NotFound, $"There is no project with id {ProjectId}.", null);

    /// <summary>Asks the rules, takes the new state, and writes it when the decision says so.</summary>
    private async Task<WorkflowDecision> DecideAsync(WorkflowCommand command)
    {
        var decision = WorkflowMachine.Decide(_state, command, _options);
        if (!ReferenceEquals(decision.State, _state))
        {
            // Also a change without a history entry (a last phase completed) goes into the stored form at once.
            _state = decision.State;
            _countedStatus = WorkflowMetrics.StatusChanged(_countedStatus, _state.Status);
            workflow.State = workflow.State.With(_state, decision.Changes, _options.HistoryLimit);
        }
        if (decision.Persist) await _writer.WriteAsync(() => _state.ToStatus());
        return decision;
    }

    private IReadOnlyList<WorkflowEvent> SavedHistory(long afterVersion)
    {
        var saved = Shown().Version;
        return [.. workflow.State.History.Where(e => e.Version > afterVersion && e.Version <= saved)];
    }

    /// <summary>
    /// What readers may see: the saved state. Progress nobody waited for is recorded but not yet written; a reader who
    /// looks has it written now, in the background, for their next look.
    /// </summary>
    private SavedWorkflow Shown()
    {
        if (_state.Version > _saved.Version) _writer.WriteSoon(() => _state.ToStatus(), ProjectId);
        return _saved;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming workflow of project {ProjectId} at status {Status} after {CompletedPhases} completed phases")]
    private partial void LogResuming(long projectId, WorkflowStatusCode status, int completedPhases);
}
