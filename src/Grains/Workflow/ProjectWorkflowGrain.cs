using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Projects;
using MoviePipeline.Persistence;
using Orleans.Placement;
using Orleans.Storage;
using Polly;
using Polly.Registry;

namespace MoviePipeline.Workflow;

/// <summary>
/// One per project: the shell around <see cref="WorkflowMachine"/>. It loads the state, asks the rules, persists what
/// they decide, then acts: runs a phase, waits out a retry, keeps the recovery reminder while the workflow runs.
/// </summary>
/// <remarks>
/// Requests (start, pause, resume, queries) interleave with the run loop at its awaits; every decision is written
/// before anyone is told. Crash recovery: the reminder fires while the workflow runs, and any activation of a running
/// workflow restarts the loop, which joins the phase run in flight by its saved run id or runs the phase again.
/// Placed on the silo with the fewer activations of two picked at random: new projects are created by the registry on
/// the silo the gateway talks to, and the default placement (resource-optimized, preferring the caller's silo when
/// loads look alike) put nearly all workflows on that one, so one crash interrupted most of the work. The phase grains
/// keep the default, so they mostly run beside the workflow that calls them.
/// </remarks>
[ActivationCountBasedPlacement]
public sealed partial class ProjectWorkflowGrain(
    [PersistentState("project")] IPersistentState<ProjectState> project,
    [PersistentState("workflow")] IPersistentState<WorkflowState> workflow,
    ProjectScripts scripts,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<ProjectWorkflowGrain> logger) : Grain, IProjectWorkflowGrain, IRemindable
{
    private readonly WorkflowOptions _options = options.Value;
    private readonly ResiliencePipeline _storageRetries = pipelines.GetPipeline(WorkflowResilience.StoragePipeline);
    private WorkflowWriter _writer = null!;
    private RecoveryReminder _reminder = null!;
    private WorkflowMachineState _state = null!;
    private SavedWorkflow _saved = null!;
    private Task? _loop;
    private IGrainTimer? _keepAlive;
    private WorkflowStatusCode? _countedStatus;

    private long ProjectId => this.GetPrimaryKeyLong();
    private bool Exists => project.RecordExists;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        scripts.Forget(project.State);
        _reminder = new RecoveryReminder(this, _options.RecoveryReminderPeriod, logger);
        _writer = new WorkflowWriter(workflow, _storageRetries);
        _state = workflow.State.ToState(ProjectId);
        _saved = new SavedWorkflow(_state.ToStatus(), time);
        if (Exists) _countedStatus = WorkflowMetrics.StatusChanged(null, _state.Status);

        // A running workflow found at activation lost its loop with its previous activation.
        if (Exists && _state.Running)
        {
            LogResuming(ProjectId, _state.Status, _state.CompletedPhases);
            EnsureLoop();
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
        if (Exists) return false;
        project.State = ProjectState.From(draft, Now());
        try
        {
            // The only write of the definition: see ProjectScripts.
            await StorageFailures.RunAsync(project.WriteStateAsync, $"Saving project {ProjectId}");
            scripts.Forget(project.State);
            await StorageFailures.RunAsync(() => DecideAsync(new CreateWorkflow(Now())), $"Saving the workflow of project {ProjectId}");
        }
        catch (ProjectStorageUnavailableException)
        {
            // What this activation holds may be ahead of storage: the next activation reads what was saved.
            DeactivateOnIdle();
            throw;
        }
        return true;
    }

    // Queries answer from the last saved state, even while a write waits out a storage outage.

    public async Task<ProjectSnapshot?> GetProjectAsync() => Exists
        ? project.State.ToSnapshot(ProjectId, await scripts.ReadAsync(this.GetGrainId(), ProjectId), _saved.Status)
        : null;

    public Task<ProjectSummary?> GetSummaryAsync() =>
        Task.FromResult(Exists ? project.State.ToSummary(ProjectId, _saved.Status) : null);

    public Task<long?> GetOwnerAsync() => Task.FromResult(Exists ? project.State.UserId : (long?)null);

    public Task<WorkflowStatus?> GetStatusAsync() => Task.FromResult(Exists ? _saved.Status : null);

    public Task<IReadOnlyList<WorkflowEvent>> GetHistoryAsync(long afterVersion) => Task.FromResult(SavedHistory(afterVersion));

    public async Task<IReadOnlyList<WorkflowEvent>> WaitForChangeAsync(long afterVersion, TimeSpan timeout)
    {
        await _saved.WaitAsync(afterVersion, timeout < IProjectWorkflowGrain.MaxChangeWait ? timeout : IProjectWorkflowGrain.MaxChangeWait);
        return SavedHistory(afterVersion);
    }

    public async Task<WorkflowCommandResult> EditAsync(ProjectEdit edit)
    {
        if (!Exists) return new(CommandOutcome.NotFound, $"There is no project with id {ProjectId}.", null);
        await CatchUpWithEditsAsync();
        var check = WorkflowMachine.Decide(_state, new EditProject(project.State.CurrentRevision + 1, Now()), _options);
        if (check.Answer!.Outcome != CommandOutcome.Accepted) return new(check.Answer.Outcome, check.Answer.Message, _saved.Status);

        // The definition first, then the workflow: should the second write fail, the next command catches up with it.
        var edited = project.State.Edited(edit, edit.ScriptContent ?? await scripts.ReadAsync(this.GetGrainId(), ProjectId), Now());
        var previous = project.State;
        project.State = edited;
        try
        {
            await StorageFailures.RunAsync(project.WriteStateAsync, $"Saving project {ProjectId}");
        }
        catch (ProjectStorageUnavailableException)
        {
            project.State = previous; // whether the row holds the edit is unknown: the next activation reads it
            DeactivateOnIdle();
            throw;
        }
        scripts.Forget(project.State);
        return await CommandAsync(new EditProject(edited.Revision, Now()));
    }

    public Task<WorkflowCommandResult> StartAsync() => CommandAsync(new StartWorkflow(Now()));

    public Task<WorkflowCommandResult> PauseAsync() => CommandAsync(new PauseWorkflow(Now()));

    public Task<WorkflowCommandResult> ResumeAsync() => CommandAsync(new ResumeWorkflow(Now()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RecoveryReminder.Name) return Task.CompletedTask;
        if (Exists && _state.Running)
        {
            EnsureLoop();
            return Task.CompletedTask;
        }
        return _reminder.RemoveAsync();
    }

    /// <summary>An edit saved in the project but not yet in the workflow (its write failed) is recorded first.</summary>
    private async Task CatchUpWithEditsAsync()
    {
        if (project.State.CurrentRevision <= _state.Revision || _state.Running) return;
        try
        {
            await StorageFailures.RunAsync(() => DecideAsync(new EditProject(project.State.CurrentRevision, Now())), $"Saving the workflow of project {ProjectId}");
        }
        catch (ProjectStorageUnavailableException)
        {
            DeactivateOnIdle(); // this activation is ahead of storage now
            throw;
        }
    }

    private async Task<WorkflowCommandResult> CommandAsync(WorkflowCommand command)
    {
        if (!Exists) return new(CommandOutcome.NotFound, $"There is no project with id {ProjectId}.", null);
        if (command is not EditProject) await CatchUpWithEditsAsync();

        // The reminder first, then the state that says "running": once that is saved, the reminder brings the workflow
        // back whatever becomes of this activation. A failure on the way changes nothing the caller could see.
        if (WorkflowMachine.Decide(_state, command, _options).Next == WorkflowStep.Continue)
            await StorageFailures.RunAsync(_reminder.EnsureAsync, $"Registering the recovery reminder of project {ProjectId}");
        WorkflowDecision decision;
        try
        {
            // Decided again: another request may have changed the state while the reminder was registered.
            decision = await StorageFailures.RunAsync(() => DecideAsync(command), $"Saving the workflow of project {ProjectId}");
        }
        catch (ProjectStorageUnavailableException)
        {
            // Unsaved, so this activation may be ahead of storage: go, and let the next activation read what was saved.
            // A start that did reach storage still runs: its reminder is registered.
            DeactivateOnIdle();
            throw;
        }

        if (decision.Next == WorkflowStep.Continue) EnsureLoop();
        return new(decision.Answer!.Outcome, decision.Answer.Message, _saved.Status);
    }

    // ---- The run loop: ask the rules what comes next, do it, tell them how it went ----

    private void EnsureLoop()
    {
        if (_loop is { IsCompleted: false }) return;
        // Keeps the activation while the workflow runs, and restarts a loop that storage trouble stopped.
        _keepAlive ??= this.RegisterGrainTimer(static self =>
            {
                if (!self._state.Running) return Task.CompletedTask;
                self.EnsureLoop();
                self._reminder.KeepRegistered();
                return Task.CompletedTask;
            }, this, new GrainTimerCreationOptions(_options.RecoveryReminderPeriod, _options.RecoveryReminderPeriod) { KeepAlive = true });
        _loop = RunLoopAsync();
    }

    private async Task RunLoopAsync()
    {
        await Task.Yield(); // let the request (or activation) that started the loop finish first
        try
        {
            // Started by an activation, the reminder may not be registered by this activation: it is, beside the run.
            _reminder.KeepRegistered();
            var decision = await DecideAsync(new ContinueWorkflow(Now()));
            while (true)
            {
                switch (decision.Next)
                {
                    case WorkflowStep.RunPhase:
                        var ended = await PhaseCalls.FollowAsync(GrainFactory, decision.Run!, GetProjectAsync,
                            p => DecideAsync(new PhaseProgressed(p.RunId, p.Fraction, p.Message, p.Assembling, Now())), time, logger);
                        decision = await DecideAsync(ended);
                        break;
                    case WorkflowStep.RetryAfterDelay:
                        WorkflowMetrics.PhaseRetried(_state.NextPhase);
                        await Task.Delay(decision.RetryDelay, time);
                        goto case WorkflowStep.Continue;
                    case WorkflowStep.Continue:
                        decision = await DecideAsync(new ContinueWorkflow(Now()));
                        break;
                    case WorkflowStep.Stop:
                        await _reminder.RemoveAsync();
                        if (!_state.Running) return;
                        // A resume came in while the reminder was being removed, and found this loop still going.
                        _reminder.KeepRegistered();
                        goto case WorkflowStep.Continue;
                    default:
                        return;
                }
            }
        }
        catch (InconsistentStateException ex)
        {
            // Another activation of this grain wrote the state: this one is stale and must go.
            LogStaleActivation(ex, ProjectId);
            DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            // Storage stayed unreachable through every retry: the keep-alive timer (or, after a crash, the recovery
            // reminder) restarts the loop.
            LogLoopStopped(ex, ProjectId);
        }
        finally
        {
            if (!_state.Running)
            {
                _keepAlive?.Dispose();
                _keepAlive = null;
            }
        }
    }

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
        if (decision.Persist)
            _saved.Saved(await _writer.WriteAsync(() => _state.ToStatus()));
        return decision;
    }

    private IReadOnlyList<WorkflowEvent> SavedHistory(long afterVersion) =>
        [.. workflow.State.History.Where(e => e.Version > afterVersion && e.Version <= _saved.Version)];

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming workflow of project {ProjectId} at status {Status} after {CompletedPhases} completed phases")]
    private partial void LogResuming(long projectId, WorkflowStatusCode status, int completedPhases);

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: another activation wrote the workflow state; deactivating this one")]
    private partial void LogStaleActivation(Exception ex, long projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: the run loop stopped on storage trouble; it restarts within a recovery reminder period")]
    private partial void LogLoopStopped(Exception ex, long projectId);
}
