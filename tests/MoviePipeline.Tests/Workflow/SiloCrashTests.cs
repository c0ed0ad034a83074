using MoviePipeline.Phases;
using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;
using Orleans.Runtime.Placement;

namespace MoviePipeline.Tests.Workflow;

/// <summary>A silo that dies mid-phase costs the workflow only the interrupted phase.</summary>
public sealed class SiloCrashTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task KillSilo_HostingRunningWorkflow_WorkflowCompletesOnSurvivor(bool phaseDiesToo) =>
        KillMidPhaseAndFinishAsync(phaseDiesToo, refuseReminderRegistrations: false);

    /// <summary>
    /// A restarted cluster's reminder service can refuse registrations for minutes ("still initializing" until it
    /// re-reads its table). The reminder registered at the start survives the crash and brings the workflow back; its
    /// new activation registers it again beside the loop, and must not wait for that before going on.
    /// </summary>
    [Fact]
    public Task KillSilo_WhileReminderRegistrationsAreRefused_WorkflowStillCompletesOnSurvivor() =>
        KillMidPhaseAndFinishAsync(phaseDiesToo: false, refuseReminderRegistrations: true);

    private async Task KillMidPhaseAndFinishAsync(bool phaseDiesToo, bool refuseReminderRegistrations)
    {
        var cluster = fixture.Cluster;
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        // The primary holds the test cluster's membership table: kill a secondary (a new one
        // when an earlier test killed the last).
        var victim = cluster.SecondarySilos.FirstOrDefault() ?? await cluster.StartAdditionalSiloAsync();
        var survivor = cluster.Primary!;

        // Place the workflow on the silo we will kill, and phase 2 on the victim or the
        // survivor (a placement hint on each grain's first call).
        var id = await cluster.Client.GetGrain<IProjectIdGrain>(0).ReserveAsync(1);
        var hold = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        await ActivateOnAsync(victim.SiloAddress, () => cluster.Client.Workflow(id).CreateAsync(new ProjectDraft("Crash", null, Workflows.TwoSceneScript, 1)));
        var phase2Grain = cluster.Client.GetGrain<ITrailerToStoryboardGrain>(id);
        await ActivateOnAsync((phaseDiesToo ? victim : survivor).SiloAddress, phase2Grain.GetFramesAsync);
        Assert.Equal(victim.SiloAddress, await management.GetActivationAddress(cluster.Client.Workflow(id)));
        await cluster.Client.Workflow(id).StartAsync();
        await hold.Entered;

        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer);
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard);
        var phase3 = fixture.Phase(id, WorkflowPhase.StoryboardToMovie);

        var reminderKey = SharedMemoryReminderTable.KeyOf(cluster.Options.ClusterId, cluster.Client.Workflow(id).GetGrainId(), RecoveryReminder.Name);
        if (refuseReminderRegistrations)
            SharedMemoryStore.Faults[reminderKey] = new(Enumerable.Repeat(InjectedFault.Refuse, 100_000));
        WorkflowStatus done;
        try
        {
            await cluster.KillSiloAsync(victim);
            phase2.OpenGate();

            // Nobody asks the workflow anything: it must go on by itself (its reminder, or the
            // surviving phase's progress report, reactivates it) and reach phase 3.
            await phase3.Entered.WaitAsync(Workflows.Deadline);
            done = await cluster.Client.Workflow(id).WaitForStatusAsync(WorkflowStatusCode.Completed);
        }
        finally
        {
            SharedMemoryStore.Faults.TryRemove(reminderKey, out _);
        }

        Assert.Equal(100, done.Progress);
        Assert.Equal(1, phase1.Runs);          // the phase before the crash is not run again
        Assert.Equal(phaseDiesToo ? 2 : 1, phase2.Runs); // the interrupted phase: run again, or rejoined
        Assert.Equal(1, phase3.Runs);
        Assert.NotEqual(victim.SiloAddress, await management.GetActivationAddress(cluster.Client.Workflow(id)));
    }

    /// <summary>A test video whose silo dies while the clip is made is made again on a survivor.</summary>
    [Fact]
    public async Task KillSilo_WhileATestVideoIsMade_ItIsMadeAgainOnASurvivor()
    {
        var cluster = fixture.Cluster;
        var victim = cluster.SecondarySilos.FirstOrDefault() ?? await cluster.StartAdditionalSiloAsync();
        var taskId = Guid.NewGuid().ToString("N");
        var render = fixture.Clip(taskId).HoldAtGate();
        var task = cluster.Client.GetGrain<MoviePipeline.ClipTasks.IClipTaskGrain>(taskId);
        MoviePipeline.ClipTasks.ClipTaskCreation? created = null;
        await ActivateOnAsync(victim.SiloAddress, async () => created = await task.CreateAsync(new MoviePipeline.ClipTasks.ClipTaskRequest(7, [1], "crash", 5)));
        Assert.Null(created!.Refusal);
        await render.Entered;

        await cluster.KillSiloAsync(victim);
        render.OpenGate();

        // Asked again (as the client polls every few seconds), or woken by its reminder, it is made on the survivor.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (await task.GetAsync() is { Status: MoviePipeline.ClipTasks.ClipTaskStatus.Processing })
        {
            Assert.True(deadline.Elapsed < Workflows.Deadline, "The task is still processing.");
            await Task.Delay(250);
        }
        var done = await task.GetAsync();
        Assert.Equal(MoviePipeline.ClipTasks.ClipTaskStatus.Completed, done!.Status);
        Assert.Equal(2, render.Runs);
        Assert.Equal(7, done.OwnerId);
    }

    private static async Task ActivateOnAsync<T>(SiloAddress silo, Func<Task<T>> firstCall)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await firstCall();
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
