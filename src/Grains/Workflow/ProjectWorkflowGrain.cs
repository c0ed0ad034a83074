using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Phases;
using MoviePipeline.Projects;
using Orleans.Storage;

namespace MoviePipeline.Workflow;

/// <summary>
/// One per project. Holds the project's definition and its workflow state, and drives the
/// three phases one after another in a run loop on the grain's own scheduler.
/// </summary>
/// <remarks>
/// Requests (start, pause, resume, status, progress reports) interleave with the run loop at
/// its awaits; every change goes through <see cref="Change"/> and <see cref="SaveAsync"/>, so
/// the version grows by one per change and the state is written before anyone is told.
/// Crash recovery: a reminder fires while the workflow is active; any activation of an active
/// workflow (by the reminder, a status query or a phase's progress report) restarts the loop,
/// which joins the phase run in flight by its persisted run id or runs the phase again.
/// </remarks>
public sealed partial class ProjectWorkflowGrain(
    [PersistentState(ProjectWorkflowGrain.ProjectStateName)] IPersistentState<ProjectState> project,
    [PersistentState("workflow")] IPersistentState<WorkflowState> workflow,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<ProjectWorkflowGrain> logger) : Grain, IProjectWorkflowGrain, IRemindable
{
    private const string RecoveryReminder = "workflow-recovery";
    private const string ProjectStateName = "project";

    private readonly WorkflowOptions _options = options.Value;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Task? _loop;
    private IGrainTimer? _keepAlive;
    private WorkflowStatusCode? _countedStatus;

    private long ProjectId => this.GetPrimaryKeyLong();
    private WorkflowState State => workflow.State;
    private bool Exists => project.RecordExists;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Phases.Count == 0)
        {
            State.Phases = [.. Enumerable.Range(1, PhasePlan.PhaseCount)
                .Select(n => new PhaseRecord { Phase = PhasePlan.PhaseAt(n) })];
        }
        ForgetScript();
        _savedVersion = State.Version;
        _saved = Snapshot(); // what storage holds
        if (Exists) _countedStatus = WorkflowMetrics.StatusChanged(null, State.Status);

        // An active workflow found at activation lost its loop with its previous activation.
        if (Exists && State.Active)
        {
            LogResuming(ProjectId, State.Status, State.CompletedPhases);
            EnsureLoop();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _countedStatus = WorkflowMetrics.StatusChanged(_countedStatus, null);
        // Should a deactivation go ahead while readers wait (forced at shutdown), let them ask the next activation.
        _changeSaved?.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(ProjectDraft draft)
    {
        if (Exists) return false;
        var now = Now();
        project.State = new ProjectState
        {
            Title = draft.Title,
            Description = draft.Description,
            ScriptContent = draft.ScriptContent,
            UserId = draft.UserId,
            CreatedAt = now,
        };
        await project.WriteStateAsync(); // the only write of the definition: see ForgetScript
        ForgetScript();
        Change(WorkflowStatusCode.Draft, 0, "Project created.");
        await SaveAsync();
        return true;
    }

    // Queries interleave with everything (even a request waiting out a storage outage) and
    // answer from the last saved state: nobody is told of a change before it is written.

    public async Task<ProjectSnapshot?> GetProjectAsync()
    {
        if (!Exists) return null;
        var script = await ReadScriptAsync();
        return new ProjectSnapshot(ProjectId, project.State.UserId, project.State.Title, project.State.Description,
            script, project.State.CreatedAt, _saved);
    }

    /// <summary>
    /// A script can be megabytes, and only phase 1 and the project page read it, so an activation
    /// does not keep it: idle projects in memory cost their workflow state, not their screenplay.
    /// Safe because the definition is written once, at creation, and never again.
    /// </summary>
    private void ForgetScript() => project.State.ScriptContent = "";

    /// <summary>Reads the script from storage, into a state object of its own (concurrent reads cannot mix).</summary>
    private async Task<string> ReadScriptAsync()
    {
        var stored = new GrainState<ProjectState>(new ProjectState());
        try
        {
            await ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
                .ReadStateAsync(ProjectStateName, this.GetGrainId(), stored);
        }
        catch (Exception ex)
        {
            // Only the message crosses to the caller: the provider's exception may not serialize.
            throw new ProjectStorageUnavailableException($"The script of project {ProjectId} could not be read from storage: {ex.Message}");
        }
        return stored.State?.ScriptContent ?? "";
    }

    public Task<ProjectSummary?> GetSummaryAsync() => Task.FromResult(Exists
        ? new ProjectSummary(ProjectId, project.State.Title, project.State.Description, _saved.Status,
            _saved.Progress, project.State.CreatedAt, _saved.UpdatedAt)
        : null);

    public Task<WorkflowStatus?> GetStatusAsync() => Task.FromResult(Exists ? _saved : null);

    public Task<IReadOnlyList<WorkflowEvent>> GetHistoryAsync(long afterVersion) =>
        Task.FromResult<IReadOnlyList<WorkflowEvent>>([.. State.History.Where(e => e.Version > afterVersion && e.Version <= _savedVersion)]);

    public async Task<WorkflowCommandResult> StartAsync()
    {
        if (!Exists) return NotFound();
        switch (State.Status)
        {
            case WorkflowStatusCode.Completed:
                return Conflict("The workflow has already completed; there is nothing left to run.");
            case WorkflowStatusCode.Paused:
                return await ResumeAsync();
            case var s when State.Active:
                return Conflict($"The workflow is already running (status '{StatusNames.ToApi(s)}').");
        }

        // Draft, or failed: go on from the first phase not completed, keeping earlier outputs.
        var phase = PhasePlan.PhaseAt(State.CompletedPhases + 1);
        var resumed = State.Status == WorkflowStatusCode.Failed;
        State.Active = true;
        State.PauseRequested = false;
        State.ErrorMessage = null;
        State.Attempt = 0;
        State.RunId = null;
        State.StartedAt ??= Now();
        State.CompletedAt = null;
        Change(PhasePlan.RunningStatus(phase), State.Progress, resumed
            ? $"Started again from phase {(int)phase} ({PhasePlan.DisplayName(phase)})."
            : "Workflow started.");
        BeginPhaseRun(phase); // saved with the start: one write, two changes
        await SaveAsync();
        await RegisterRecoveryReminderAsync();
        EnsureLoop();
        return Accepted(resumed ? "The workflow goes on from the phase that failed." : "The workflow has started.");
    }

    public async Task<WorkflowCommandResult> PauseAsync()
    {
        if (!Exists) return NotFound();
        if (State.Status == WorkflowStatusCode.Paused || (State.Active && State.PauseRequested))
            return Accepted("The workflow is already paused or will pause at the next checkpoint.");
        if (!State.Active)
        {
            return Conflict($"Only a running workflow can be paused; this one is '{StatusNames.ToApi(State.Status)}'.");
        }

        State.PauseRequested = true;
        Change(State.Status, State.Progress, "Pause requested: the workflow stops after the current phase.");
        await SaveAsync();
        return Accepted("The workflow will pause once the current phase finishes.");
    }

    public async Task<WorkflowCommandResult> ResumeAsync()
    {
        if (!Exists) return NotFound();
        if (State.Active && State.PauseRequested)
        {
            // The pause was not reached yet: cancel it and let the loop go on.
            State.PauseRequested = false;
            Change(State.Status, State.Progress, "Pause cancelled.");
            await SaveAsync();
            return Accepted("The pause was cancelled; the workflow goes on.");
        }
        if (State.Status != WorkflowStatusCode.Paused)
        {
            return Conflict($"Only a paused workflow can be resumed; this one is '{StatusNames.ToApi(State.Status)}'.");
        }

        var phase = PhasePlan.PhaseAt(State.CompletedPhases + 1);
        State.Active = true;
        State.PauseRequested = false;
        State.Attempt = 0;
        State.RunId = null;
        Change(PhasePlan.RunningStatus(phase), State.Progress, "Workflow resumed.");
        BeginPhaseRun(phase);
        await SaveAsync();
        await RegisterRecoveryReminderAsync();
        EnsureLoop();
        return Accepted("The workflow has resumed.");
    }

    public async Task ReportProgressAsync(PhaseProgress progress)
    {
        // Reports from a run this workflow no longer waits for (an earlier attempt) are dropped.
        if (!Exists || !State.Active || progress.RunId != State.RunId || State.CurrentPhase is not { } phase) return;

        var status = progress.Assembling && phase == WorkflowPhase.StoryboardToMovie
            ? WorkflowStatusCode.Assembling
            : State.Status;
        var percent = Math.Max(State.Progress, PhasePlan.ProgressWithin(phase, progress.Fraction));
        if (percent == State.Progress && status == State.Status && progress.Message == State.Message) return;

        Change(status, percent, progress.Message);
        await SaveAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RecoveryReminder) return Task.CompletedTask;
        if (Exists && State.Active)
        {
            EnsureLoop();
            return Task.CompletedTask;
        }
        return UnregisterRecoveryReminderAsync();
    }

    // ---- The run loop ----

    private void EnsureLoop()
    {
        if (_loop is { IsCompleted: false }) return;
        _keepAlive ??= this.RegisterGrainTimer(
            static () => Task.CompletedTask,
            new GrainTimerCreationOptions(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)) { KeepAlive = true });
        _loop = RunLoopAsync();
    }

    private async Task RunLoopAsync()
    {
        // Let the request (or activation) that started the loop finish first.
        await Task.Yield();
        try
        {
            while (State.Active)
            {
                if (State.CompletedPhases >= PhasePlan.PhaseCount)
                {
                    State.Active = false;
                    State.CurrentPhase = null;
                    State.CompletedAt = Now();
                    Change(WorkflowStatusCode.Completed, 100, "The movie is ready.");
                    await SaveAsync();
                    await UnregisterRecoveryReminderAsync();
                    return;
                }

                // The checkpoint between phases: a pause asked for during a phase takes effect here.
                // A run already begun (recorded as started with the start or resume) goes first.
                if (State.PauseRequested && State.RunId is null)
                {
                    State.Active = false;
                    State.PauseRequested = false;
                    State.CurrentPhase = null;
                    Change(WorkflowStatusCode.Paused, State.Progress,
                        $"Paused after {State.CompletedPhases} of {PhasePlan.PhaseCount} phases.");
                    await SaveAsync();
                    await UnregisterRecoveryReminderAsync();
                    return;
                }

                await RunCurrentPhaseAsync();
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
            if (!State.Active)
            {
                _keepAlive?.Dispose();
                _keepAlive = null;
            }
        }
    }

    /// <summary>Runs (or rejoins) the current phase once, then records how it ended.</summary>
    private async Task RunCurrentPhaseAsync()
    {
        var phase = PhasePlan.PhaseAt(State.CompletedPhases + 1);
        var record = State.Phases[(int)phase - 1];
        // A run begun already (by start or resume, or before a crash) is joined, not begun again.
        var runId = State.CurrentPhase == phase ? State.RunId : null;
        if (runId is null)
        {
            runId = BeginPhaseRun(phase);
            await SaveAsync();
        }

        var run = new PhaseRun(ProjectId, phase, runId, State.Attempt);
        PhaseOutcome outcome;
        var lostSilo = false;
        var started = time.GetTimestamp();
        try
        {
            outcome = await PhaseGrain(phase).RunAsync(run);
        }
        catch (SiloUnavailableException ex)
        {
            // The phase's silo died: that costs the run, not an attempt.
            lostSilo = true;
            outcome = PhaseOutcome.Failure(run.RunId, $"the silo running it stopped ({ex.Message})", retryable: true);
        }
        catch (Exception ex) when (ex is not InconsistentStateException)
        {
            outcome = PhaseOutcome.Failure(run.RunId, ex.Message, retryable: true);
        }

        WorkflowMetrics.PhaseRan(phase, outcome.Succeeded, time.GetElapsedTime(started));
        if (State.RunId != run.RunId) return; // Superseded while we waited (cannot happen today, but cheap to guard).

        if (outcome.Succeeded)
        {
            State.CompletedPhases = (int)phase;
            State.RunId = null;
            State.Attempt = 0;
            record.Status = PhaseRunStatus.Completed;
            record.CompletedAt = Now();
            record.LastError = null;
            // The last phase's checkpoint is the completion itself, which the loop records.
            if (phase == WorkflowPhase.StoryboardToMovie) return;
            State.CurrentPhase = null;
            Change(PhasePlan.DoneStatus(phase), PhasePlan.Band(phase).End,
                $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) completed: {outcome.Message}");
            // No write of its own: the loop goes on at once, without awaiting anything, to the next
            // change (the next phase started, or the pause), and that one write carries both; the
            // checkpoint keeps its own version and history entry, and nobody sees it before it is saved.
            return;
        }

        LogPhaseFailed(ProjectId, phase, State.Attempt, outcome.Message);
        record.LastError = outcome.Message;
        State.RunId = null;
        if (lostSilo) State.Attempt--;
        if (outcome.Retryable && State.Attempt < _options.MaxAttempts)
        {
            var delay = _options.RetryDelay(Math.Max(1, State.Attempt));
            WorkflowMetrics.PhaseRetried(phase);
            Change(State.Status, State.Progress,
                $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) attempt {State.Attempt} failed: {outcome.Message}. Retrying in {delay.TotalSeconds:0.###} s.");
            await SaveAsync();
            await Task.Delay(delay, time);
            return;
        }

        record.Status = PhaseRunStatus.Failed;
        State.Active = false;
        State.CurrentPhase = null;
        State.ErrorMessage = outcome.Retryable
            ? $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) failed after {State.Attempt} attempts: {outcome.Message}"
            : $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) failed: {outcome.Message}";
        Change(WorkflowStatusCode.Failed, State.Progress, State.ErrorMessage);
        await SaveAsync();
        await UnregisterRecoveryReminderAsync();
    }

    /// <summary>Records a new run of <paramref name="phase"/> as one change and returns its run id; the caller saves it.</summary>
    private string BeginPhaseRun(WorkflowPhase phase)
    {
        var record = State.Phases[(int)phase - 1];
        State.CurrentPhase = phase;
        State.RunSequence++;
        var runId = $"{ProjectId}-{(int)phase}-{State.RunSequence}";
        State.RunId = runId;
        State.Attempt++;
        record.Status = PhaseRunStatus.Running;
        record.Attempts++;
        record.Runs++;
        record.StartedAt = Now();
        record.CompletedAt = null;
        var start = PhasePlan.Band(phase).Start;
        Change(PhasePlan.RunningStatus(phase), Math.Max(State.Progress, start),
            State.Attempt == 1
                ? $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) started."
                : $"Phase {(int)phase} ({PhasePlan.DisplayName(phase)}) started again, attempt {State.Attempt} of {_options.MaxAttempts}.");
        return runId;
    }

    private IPhaseGrain PhaseGrain(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => GrainFactory.GetGrain<IScriptToTrailerGrain>(ProjectId),
        WorkflowPhase.TrailerToStoryboard => GrainFactory.GetGrain<ITrailerToStoryboardGrain>(ProjectId),
        _ => GrainFactory.GetGrain<IStoryboardToMovieGrain>(ProjectId),
    };

    // ---- State changes and persistence ----

    /// <summary>Applies one change: a new version, recorded in the history.</summary>
    private void Change(WorkflowStatusCode status, int progress, string message)
    {
        var now = Now();
        State.Status = status;
        State.Progress = progress;
        State.Message = message;
        State.Version++;
        State.UpdatedAt = now;
        _countedStatus = WorkflowMetrics.StatusChanged(_countedStatus, status);
        State.History.Add(new WorkflowEvent(State.Version, now, status, progress, State.CurrentPhase, message));
        if (State.History.Count > _options.HistoryLimit)
            State.History.RemoveRange(0, State.History.Count - _options.HistoryLimit);
    }

    /// <summary>
    /// Writes the state, one write at a time (requests and the loop interleave). A storage
    /// outage is waited out with backoff, so a workflow never goes on from an unsaved change.
    /// </summary>
    private async Task SaveAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // Taken before the write, so it never shows more than storage holds.
                    var snapshot = Snapshot();
                    await workflow.WriteStateAsync();
                    Saved(snapshot);
                    return;
                }
                catch (Exception ex) when (ex is not InconsistentStateException && attempt < 30)
                {
                    var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt - 1)));
                    LogStorageRetry(ex, ProjectId, attempt, delay);
                    await Task.Delay(delay, time);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // ---- Readers waiting for a change (the gateway's event stream) ----

    // The highest version known to be in storage, and the status at it: readers are told only what is saved.
    private long _savedVersion;
    private WorkflowStatus _saved = null!;
    private TaskCompletionSource? _changeSaved;

    public async Task<IReadOnlyList<WorkflowEvent>> WaitForChangeAsync(long afterVersion, TimeSpan timeout)
    {
        if (_savedVersion <= afterVersion && timeout > TimeSpan.Zero)
        {
            _changeSaved ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var wait = timeout < IProjectWorkflowGrain.MaxChangeWait ? timeout : IProjectWorkflowGrain.MaxChangeWait;
            await Task.WhenAny(_changeSaved.Task, Task.Delay(wait, time));
        }
        return [.. State.History.Where(e => e.Version > afterVersion && e.Version <= _savedVersion)];
    }

    /// <summary>Records what storage now holds and wakes the readers waiting for a change.</summary>
    private void Saved(WorkflowStatus snapshot)
    {
        if (snapshot.Version <= _savedVersion) return;
        _saved = snapshot;
        _savedVersion = snapshot.Version;
        var waiting = _changeSaved;
        _changeSaved = null;
        waiting?.TrySetResult();
    }

    // The handle from registering, kept so that removing the reminder needs no read of the reminder table.
    private IGrainReminder? _recoveryReminder;

    private async Task RegisterRecoveryReminderAsync() => _recoveryReminder =
        await this.RegisterOrUpdateReminder(RecoveryReminder, _options.RecoveryReminderPeriod, _options.RecoveryReminderPeriod);

    private async Task UnregisterRecoveryReminderAsync()
    {
        try
        {
            var reminder = _recoveryReminder ?? await this.GetReminder(RecoveryReminder);
            _recoveryReminder = null;
            if (reminder is not null)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception ex)
        {
            // A leftover reminder is harmless: its next tick sees an inactive workflow and tries again.
            LogReminderCleanupFailed(ex, ProjectId);
        }
    }

    private WorkflowStatus Snapshot() => new(
        ProjectId, State.Status, State.Progress, State.ErrorMessage, State.CurrentPhase, State.CompletedPhases,
        State.PauseRequested, State.Attempt, State.Message, [.. State.Phases.Select(p => p.ToStatus())],
        State.Version, State.StartedAt, State.CompletedAt, State.UpdatedAt);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private WorkflowCommandResult Accepted(string message) => new(CommandOutcome.Accepted, message, _saved);

    private WorkflowCommandResult Conflict(string message) => new(CommandOutcome.Conflict, message, _saved);

    private WorkflowCommandResult NotFound() =>
        new(CommandOutcome.NotFound, $"There is no project with id {ProjectId}.", null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming workflow of project {ProjectId} at status {Status} after {CompletedPhases} completed phases")]
    private partial void LogResuming(long projectId, WorkflowStatusCode status, int completedPhases);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: phase {Phase} attempt {Attempt} failed: {Reason}")]
    private partial void LogPhaseFailed(long projectId, WorkflowPhase phase, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: writing workflow state failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogStorageRetry(Exception ex, long projectId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: another activation wrote the workflow state; deactivating this one")]
    private partial void LogStaleActivation(Exception ex, long projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: the run loop stopped; the recovery reminder will restart it")]
    private partial void LogLoopStopped(Exception ex, long projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: removing the recovery reminder failed")]
    private partial void LogReminderCleanupFailed(Exception ex, long projectId);
}
