using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Projects;
using Orleans.Storage;
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
/// </remarks>
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
    private readonly WorkflowWriter _writer = new(workflow, pipelines.GetPipeline(WorkflowResilience.StoragePipeline));
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
        await project.WriteStateAsync(); // the only write of the definition: see ProjectScripts
        scripts.Forget(project.State);
        await DecideAsync(new CreateWorkflow(Now()));
        return true;
    }

    // Queries answer from the last saved state, even while a write waits out a storage outage.

    public async Task<ProjectSnapshot?> GetProjectAsync() => Exists
        ? project.State.ToSnapshot(ProjectId, await scripts.ReadAsync(this.GetGrainId(), ProjectId), _saved.Status)
        : null;

    public Task<ProjectSummary?> GetSummaryAsync() =>
        Task.FromResult(Exists ? project.State.ToSummary(ProjectId, _saved.Status) : null);

    public Task<WorkflowStatus?> GetStatusAsync() => Task.FromResult(Exists ? _saved.Status : null);

    public Task<IReadOnlyList<WorkflowEvent>> GetHistoryAsync(long afterVersion) => Task.FromResult(SavedHistory(afterVersion));

    public async Task<IReadOnlyList<WorkflowEvent>> WaitForChangeAsync(long afterVersion, TimeSpan timeout)
    {
        await _saved.WaitAsync(afterVersion, timeout < IProjectWorkflowGrain.MaxChangeWait ? timeout : IProjectWorkflowGrain.MaxChangeWait);
        return SavedHistory(afterVersion);
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

    private async Task<WorkflowCommandResult> CommandAsync(WorkflowCommand command)
    {
        if (!Exists) return new(CommandOutcome.NotFound, $"There is no project with id {ProjectId}.", null);
        var decision = await DecideAsync(command);
        if (decision.Next == WorkflowStep.Continue)
        {
            await _reminder.EnsureAsync();
            EnsureLoop();
        }
        return new(decision.Answer!.Outcome, decision.Answer.Message, _saved.Status);
    }

    // ---- The run loop: ask the rules what comes next, do it, tell them how it went ----

    private void EnsureLoop()
    {
        if (_loop is { IsCompleted: false }) return;
        _keepAlive ??= this.RegisterGrainTimer(static () => Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true });
        _loop = RunLoopAsync();
    }

    private async Task RunLoopAsync()
    {
        await Task.Yield(); // let the request (or activation) that started the loop finish first
        try
        {
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
                        return;
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
            // Storage stayed unreachable through every retry: the recovery reminder restarts the loop.
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
            workflow.State.Apply(_state, decision.Changes, _options.HistoryLimit);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: the run loop stopped; the recovery reminder will restart it")]
    private partial void LogLoopStopped(Exception ex, long projectId);
}
