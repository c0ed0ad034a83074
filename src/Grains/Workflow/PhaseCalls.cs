using Microsoft.Extensions.Logging;
using MoviePipeline.Phases;
using MoviePipeline.Projects;
using Orleans.Storage;

namespace MoviePipeline.Workflow;

/// <summary>
/// How the workflow runs each phase: it reads what the phase builds on (the project for phase 1, the earlier phases'
/// outputs for phases 2 and 3) and hands it down with the run; the phase streams its progress and outcome back.
/// </summary>
public static partial class PhaseCalls
{
    /// <summary>
    /// Runs (or joins) <paramref name="run"/> and follows it to its end, handing each progress report to
    /// <paramref name="progressed"/> (whose failures are not the phase's: they go to the caller); returns how it ended.
    /// </summary>
    public static async Task<WorkflowCommand> FollowAsync(
        IGrainFactory grains, PhaseRun run, Func<Task<ProjectSnapshot?>> project, Func<PhaseProgress, Task> progressed,
        TimeProvider time, ILogger logger)
    {
        var started = time.GetTimestamp();
        var ended = await FollowToTheEndAsync(grains, run, project, progressed, time, logger);
        WorkflowMetrics.PhaseRan(run.Phase, ended is PhaseCompleted, time.GetElapsedTime(started));
        if (ended is PhaseFailed failed) LogPhaseFailed(logger, run.ProjectId, run.Phase, run.Attempt, failed.Message);
        return ended;
    }

    private static async Task<WorkflowCommand> FollowToTheEndAsync(
        IGrainFactory grains, PhaseRun run, Func<Task<ProjectSnapshot?>> project, Func<PhaseProgress, Task> progressed,
        TimeProvider time, ILogger logger)
    {
        while (true)
        {
            var updates = RunAsync(grains, run, project).GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    PhaseUpdate update;
                    try
                    {
                        if (!await updates.MoveNextAsync())
                            return new PhaseFailed(run.RunId, "the phase ended without an outcome", Retryable: true, LostSilo: false, time.GetUtcNow().UtcDateTime);
                        update = updates.Current;
                    }
                    catch (Exception ex) when (ex is TimeoutException or EnumerationAbortedException)
                    {
                        // The stream broke, not the run (a busy silo missed a heartbeat): join the run again by its id.
                        LogRejoining(logger, ex, run.ProjectId, run.Phase, run.RunId);
                        break;
                    }
                    catch (SiloUnavailableException ex)
                    {
                        return new PhaseFailed(run.RunId, $"the silo running it stopped ({ex.Message})", Retryable: true, LostSilo: true, time.GetUtcNow().UtcDateTime);
                    }
                    catch (Exception ex) when (ex is not InconsistentStateException)
                    {
                        return new PhaseFailed(run.RunId, ex.Message, Retryable: true, LostSilo: false, time.GetUtcNow().UtcDateTime);
                    }

                    if (update.Progress is { } p)
                        await progressed(p);
                    else if (update.Outcome is { Succeeded: true } success)
                        return new PhaseCompleted(run.RunId, success.Message, time.GetUtcNow().UtcDateTime, success.Work);
                    else if (update.Outcome is { } failure)
                        return new PhaseFailed(run.RunId, failure.Message, failure.Retryable, LostSilo: false, time.GetUtcNow().UtcDateTime);
                }
            }
            finally
            {
                // Ending the stream tells the phase's silo nobody follows it; a silo that is gone needs no telling.
                try { await updates.DisposeAsync(); } catch (Exception) { }
            }
        }
    }

    /// <summary>Reads what the phase builds on and calls it; the stream of its answer.</summary>
    public static async IAsyncEnumerable<PhaseUpdate> RunAsync(IGrainFactory grains, PhaseRun run, Func<Task<ProjectSnapshot?>> project)
    {
        var id = run.ProjectId;
        var updates = run.Phase switch
        {
            WorkflowPhase.ScriptToTrailer => await project() is { } definition
                ? grains.GetGrain<IScriptToTrailerGrain>(id).RunAsync(run, definition)
                : null,
            WorkflowPhase.TrailerToStoryboard => await grains.GetGrain<IScriptToTrailerGrain>(id).GetOutputAsync() is { } trailer
                ? grains.GetGrain<ITrailerToStoryboardGrain>(id).RunAsync(run, trailer)
                : null,
            _ => await grains.GetGrain<IScriptToTrailerGrain>(id).GetOutputAsync() is { } analysis
                ? grains.GetGrain<IStoryboardToMovieGrain>(id).RunAsync(
                    run, analysis, await grains.GetGrain<ITrailerToStoryboardGrain>(id).GetFramesAsync())
                : null,
        };

        if (updates is null)
        {
            // What the phase builds on is missing: running it again cannot help.
            yield return PhaseUpdate.Ended(PhaseOutcome.Failure(run.RunId, run.Phase switch
            {
                WorkflowPhase.ScriptToTrailer => $"Project {id} does not exist.",
                WorkflowPhase.TrailerToStoryboard => "Phase 1 has no output to build a storyboard from.",
                _ => "Phase 1 has no output to build a movie from.",
            }, retryable: false));
            yield break;
        }

        await foreach (var update in updates)
            yield return update;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: phase {Phase} attempt {Attempt} failed: {Reason}")]
    private static partial void LogPhaseFailed(ILogger logger, long projectId, WorkflowPhase phase, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: following phase {Phase} run {RunId} broke off; joining it again")]
    private static partial void LogRejoining(ILogger logger, Exception ex, long projectId, WorkflowPhase phase, string runId);
}
