using System.Diagnostics;
using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>Helpers for workflow tests: make projects, and wait on a condition with a deadline.</summary>
public static class Workflows
{
    public const string TwoSceneScript = """
        INT. KITCHEN - NIGHT
        Sarah stirs a pot. The radio crackles.

        EXT. HARBOUR - DAWN
        Harris waits by the boats.
        """;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60); // generous: CI runs on a busy 2-core machine

    public static Task<long> CreateProjectAsync(this IGrainFactory grains, string title = "Test project") =>
        grains.GetGrain<IProjectRegistryGrain>(0).CreateAsync(new ProjectDraft(title, null, TwoSceneScript, 1));

    public static IProjectWorkflowGrain Workflow(this IGrainFactory grains, long projectId) =>
        grains.GetGrain<IProjectWorkflowGrain>(projectId);

    /// <summary>
    /// Waits until the status satisfies <paramref name="condition"/>, woken by the workflow's own change notification
    /// (<see cref="IProjectWorkflowGrain.WaitForChangeAsync"/>); fails with the last status at the deadline.
    /// </summary>
    public static async Task<WorkflowStatus> WaitForAsync(
        this IProjectWorkflowGrain workflow, Func<WorkflowStatus, bool> condition, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var clock = Stopwatch.StartNew();
        WorkflowStatus? last = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                last = await workflow.GetStatusAsync();
                if (last is not null && condition(last)) return last;
                var left = limit - clock.Elapsed;
                if (left > TimeSpan.Zero)
                    await workflow.WaitForChangeAsync(last?.Version ?? 0, left < IProjectWorkflowGrain.MaxChangeWait ? left : IProjectWorkflowGrain.MaxChangeWait);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                // A silo just died: ask again once the cluster has had a moment (a pause between failed calls, not a wait for state).
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"The condition did not hold within {limit.TotalSeconds} s; last status: {last}");
    }

    public static Task<WorkflowStatus> WaitForStatusAsync(this IProjectWorkflowGrain workflow, WorkflowStatusCode status) =>
        workflow.WaitForAsync(s => s.Status == status);
}
