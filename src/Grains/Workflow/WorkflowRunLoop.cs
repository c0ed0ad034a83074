using Microsoft.Extensions.Logging;
using MoviePipeline.Projects;
using Orleans.Storage;

namespace MoviePipeline.Workflow;

/// <summary>
/// A workflow's run loop: asks the rules what comes next, does it (runs or joins a phase, waits out a retry, removes
/// the recovery reminder at a stop) and tells the rules how it went. It runs on its grain's scheduler, not as a request:
/// requests interleave with it at its awaits. <c>decide</c> is the grain's: it asks the rules, takes the new state and
/// writes it when the decision says so, so the loop never goes on from an unsaved change.
/// </summary>
public sealed partial class WorkflowRunLoop(
    IGrainBase grain,
    IGrainFactory grains,
    Func<WorkflowCommand, Task<WorkflowDecision>> decide,
    Func<WorkflowMachineState> state,
    Func<bool> watched,
    Func<Task<ProjectSnapshot?>> project,
    RecoveryReminder reminder,
    TimeSpan keepAlivePeriod,
    TimeProvider time,
    ILogger logger)
{
    private Task? _loop;
    private IGrainTimer? _keepAlive;

    private long ProjectId => grain.GrainContext.GrainId.GetIntegerKey();

    /// <summary>Starts the loop unless it is running.</summary>
    public void Ensure()
    {
        if (_loop is { IsCompleted: false }) return;
        // Keeps the activation while the workflow runs, and restarts a loop that storage trouble stopped.
        _keepAlive ??= grain.RegisterGrainTimer(() =>
            {
                if (!state().Running) return Task.CompletedTask;
                Ensure();
                reminder.KeepRegistered();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(keepAlivePeriod, keepAlivePeriod) { KeepAlive = true });
        _loop = RunAsync();
    }

    private async Task RunAsync()
    {
        await Task.Yield(); // let the request (or activation) that started the loop finish first
        try
        {
            // Started by an activation, the reminder may not be registered by this activation: it is, beside the run.
            reminder.KeepRegistered();
            var decision = await decide(new ContinueWorkflow(Now()));
            while (true)
            {
                switch (decision.Next)
                {
                    case WorkflowStep.RunPhase:
                        var ended = await PhaseCalls.FollowAsync(grains, decision.Run!, project,
                            p => decide(new PhaseProgressed(p.RunId, p.Fraction, p.Message, p.Assembling, Now(), watched())), time, logger);
                        decision = await decide(ended);
                        break;
                    case WorkflowStep.RetryAfterDelay:
                        WorkflowMetrics.PhaseRetried(state().NextPhase);
                        await Task.Delay(decision.RetryDelay, time);
                        goto case WorkflowStep.Continue;
                    case WorkflowStep.Continue:
                        decision = await decide(new ContinueWorkflow(Now()));
                        break;
                    case WorkflowStep.Stop:
                        await reminder.RemoveAsync();
                        if (!state().Running) return;
                        // A resume came in while the reminder was being removed, and found this loop still going.
                        reminder.KeepRegistered();
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
            grain.DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            // Storage stayed unreachable through every retry: the keep-alive timer (or, after a crash, the recovery
            // reminder) restarts the loop.
            LogLoopStopped(ex, ProjectId);
        }
        finally
        {
            if (!state().Running)
            {
                _keepAlive?.Dispose();
                _keepAlive = null;
            }
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: another activation wrote the workflow state; deactivating this one")]
    private partial void LogStaleActivation(Exception ex, long projectId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId}: the run loop stopped on storage trouble; it restarts within a recovery reminder period")]
    private partial void LogLoopStopped(Exception ex, long projectId);
}
