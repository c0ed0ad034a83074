using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>
/// The Orleans shell every phase shares: one run per run id (a repeated call joins the run in
/// flight or gets its outcome), runs one after another, exceptions turned into outcomes.
/// Reentrant so that reads of the phase's outputs answer while a run goes on for minutes.
/// </summary>
[Reentrant]
public abstract partial class PhaseGrain(ILogger logger) : Grain, IPhaseGrain
{
    private (string RunId, Task<PhaseOutcome> Task)? _inFlight;
    private (string RunId, PhaseOutcome Outcome)? _lastOutcome;

    protected long ProjectId => this.GetPrimaryKeyLong();

    public Task<PhaseOutcome> RunAsync(PhaseRun run)
    {
        if (_inFlight is { } current && current.RunId == run.RunId) return current.Task;
        if (_lastOutcome is { } last && last.RunId == run.RunId) return Task.FromResult(last.Outcome);

        var task = RunAfterAsync(_inFlight?.Task, run);
        _inFlight = (run.RunId, task);
        return task;
    }

    /// <summary>Does the phase's work and persists its outputs; returns a one-line summary.</summary>
    protected abstract Task<string> ExecuteAsync(PhaseContext context);

    private async Task<PhaseOutcome> RunAfterAsync(Task? previous, PhaseRun run)
    {
        if (previous is not null)
        {
            // Outputs are overwritten run by run, never by two runs at once.
            try { await previous; } catch (Exception) { /* that run's caller saw its outcome */ }
        }

        var workflow = GrainFactory.GetGrain<IProjectWorkflowGrain>(run.ProjectId);
        var context = new PhaseContext(run, workflow.ReportProgressAsync);
        PhaseOutcome outcome;
        try
        {
            LogRunStarted(run.ProjectId, run.Phase, run.RunId);
            var summary = await ExecuteAsync(context);
            outcome = PhaseOutcome.Success(run.RunId, summary);
        }
        catch (PhaseFailedException ex)
        {
            outcome = PhaseOutcome.Failure(run.RunId, ex.Message, ex.Retryable);
        }
        catch (Exception ex)
        {
            LogRunCrashed(ex, run.ProjectId, run.Phase, run.RunId);
            outcome = PhaseOutcome.Failure(run.RunId, ex.Message, retryable: true);
            if (ex is InconsistentStateException)
            {
                // Another activation of this grain wrote its outputs (a duplicate activation while the
                // cluster recovers from a dead silo): this one's copy of the state is stale and every
                // later write would fail too. Go, so that the retry reads the state afresh.
                DeactivateOnIdle();
            }
        }

        LogRunEnded(run.ProjectId, run.Phase, run.RunId, outcome.Succeeded, outcome.Message);
        _lastOutcome = (run.RunId, outcome);
        if (_inFlight?.RunId == run.RunId) _inFlight = null;
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId}: phase {Phase} run {RunId} started")]
    private partial void LogRunStarted(long projectId, WorkflowPhase phase, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId}: phase {Phase} run {RunId} ended, succeeded={Succeeded}: {Message}")]
    private partial void LogRunEnded(long projectId, WorkflowPhase phase, string runId, bool succeeded, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: phase {Phase} run {RunId} threw")]
    private partial void LogRunCrashed(Exception ex, long projectId, WorkflowPhase phase, string runId);
}
