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

    /// <summary>Polls the status until <paramref name="condition"/> holds; fails with the last status at the deadline.</summary>
    public static async Task<WorkflowStatus> WaitForAsync(
        this IProjectWorkflowGrain workflow, Func<WorkflowStatus, bool> condition, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        WorkflowStatus? last = null;
        while (clock.Elapsed < (deadline ?? Deadline))
        {
            try
            {
                last = await workflow.GetStatusAsync();
                if (last is not null && condition(last)) return last;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                // A silo just died: ask again.
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"The condition did not hold within {(deadline ?? Deadline).TotalSeconds} s; last status: {last}");
    }

    public static Task<WorkflowStatus> WaitForStatusAsync(this IProjectWorkflowGrain workflow, WorkflowStatusCode status) =>
        workflow.WaitForAsync(s => s.Status == status);
}
