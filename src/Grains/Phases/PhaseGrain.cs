using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>
/// The Orleans shell every phase shares: one run per run id (a repeated call joins the run in flight or gets its
/// outcome), runs one after another, progress and outcome streamed back to the caller, exceptions turned into outcomes.
/// Reentrant so that the stream and reads of the phase's outputs answer while a run goes on for minutes.
/// </summary>
[Reentrant]
public abstract partial class PhaseGrain(ILogger logger) : Grain
{
    private RunInFlight? _inFlight;
    private (string RunId, PhaseOutcome Outcome)? _lastOutcome;

    protected long ProjectId => this.GetPrimaryKeyLong();

    /// <summary>
    /// Starts <paramref name="run"/> with <paramref name="execute"/> (the phase's work; it persists the outputs and returns
    /// what it did), or joins it, and returns its stream. The run goes on when nobody follows it.
    /// </summary>
    protected IAsyncEnumerable<PhaseUpdate> Run(PhaseRun run, Func<PhaseContext, Task<PhaseSummary>> execute)
    {
        if (_inFlight is { } current && current.RunId == run.RunId)
            return Follow(current, from: Math.Max(0, current.Progress.Count - 1)); // a rejoin needs only where it stands
        if (_lastOutcome is { } last && last.RunId == run.RunId)
            return Ended(last.Outcome);

        var progress = new PhaseProgressFeed();
        var started = new RunInFlight(run.RunId, progress, RunAfterAsync(_inFlight?.Task, run, progress, execute));
        _inFlight = started;
        return Follow(started, from: 0);
    }

    private static async IAsyncEnumerable<PhaseUpdate> Follow(RunInFlight run, int from, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var next = from;
        while (true)
        {
            // Taken before reading, so a report added after the read wakes the wait below.
            var more = run.Progress.NextReport;
            var ended = run.Task.IsCompleted;
            foreach (var report in run.Progress.From(next))
            {
                next++;
                yield return PhaseUpdate.Report(report);
            }

            if (ended)
            {
                // Every report was added before the run ended, so all of them went out above.
                yield return PhaseUpdate.Ended(await run.Task);
                yield break;
            }

            await Task.WhenAny(more, run.Task).WaitAsync(cancellation);
        }
    }

    private static async IAsyncEnumerable<PhaseUpdate> Ended(PhaseOutcome outcome)
    {
        await Task.CompletedTask;
        yield return PhaseUpdate.Ended(outcome);
    }

    private async Task<PhaseOutcome> RunAfterAsync(Task? previous, PhaseRun run, PhaseProgressFeed progress, Func<PhaseContext, Task<PhaseSummary>> execute)
    {
        if (previous is not null)
        {
            // Outputs are overwritten run by run, never by two runs at once.
            try { await previous; } catch (Exception) { /* that run's followers saw its outcome */ }
        }

        var context = new PhaseContext(run, progress.AddAsync);
        PhaseOutcome outcome;
        try
        {
            LogRunStarted(run.ProjectId, run.Phase, run.RunId);
            var summary = await execute(context);
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

    /// <summary>Counts scenes by whether their work was found made before.</summary>
    protected static SceneWork SceneWorkOf(IEnumerable<bool> reused)
    {
        var all = reused.ToList();
        return new SceneWork(all.Count(r => !r), all.Count(r => r));
    }

    private sealed record RunInFlight(string RunId, PhaseProgressFeed Progress, Task<PhaseOutcome> Task);

    // Debug: one line per phase run is several per workflow, and writing them cost a no-op workflow's silo about 5 % of
    // its CPU. Traces and the phase metrics carry the same; a failure is logged by the workflow at Warning.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Project {ProjectId}: phase {Phase} run {RunId} started")]
    private partial void LogRunStarted(long projectId, WorkflowPhase phase, string runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Project {ProjectId}: phase {Phase} run {RunId} ended, succeeded={Succeeded}: {Message}")]
    private partial void LogRunEnded(long projectId, WorkflowPhase phase, string runId, bool succeeded, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: phase {Phase} run {RunId} threw")]
    private partial void LogRunCrashed(Exception ex, long projectId, WorkflowPhase phase, string runId);
}
