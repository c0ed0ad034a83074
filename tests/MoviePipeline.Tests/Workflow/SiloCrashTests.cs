using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

/// <summary>A silo that dies mid-phase costs the workflow only the interrupted phase.</summary>
public sealed class SiloCrashTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task KillSilo_HostingRunningWorkflow_WorkflowCompletesOnSurvivor()
    {
        var cluster = fixture.Cluster;
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var victim = cluster.SecondarySilos.Single(); // the primary holds the test cluster's membership table

        // Start workflows, each held in phase 2, until one of them runs on the silo we will kill.
        long id = 0;
        for (var i = 0; i < 40 && id == 0; i++)
        {
            var candidate = await cluster.Client.CreateProjectAsync($"Crash {i}");
            var hold = PhaseControl.For(candidate, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
            var workflow = cluster.Client.Workflow(candidate);
            await workflow.StartAsync();
            await hold.Entered;
            var host = await management.GetActivationAddress(workflow);
            if (host == victim.SiloAddress) id = candidate;
            else hold.OpenGate();
        }
        Assert.True(id != 0, "no workflow was placed on the second silo");
        var phase1 = PhaseControl.For(id, WorkflowPhase.ScriptToTrailer);
        var phase2 = PhaseControl.For(id, WorkflowPhase.TrailerToStoryboard);
        var phase3 = PhaseControl.For(id, WorkflowPhase.StoryboardToMovie);

        await cluster.KillSiloAsync(victim);
        phase2.OpenGate();

        // Nobody asks the workflow anything: it must go on by itself (its reminder, or the
        // surviving phase's progress report, reactivates it) and reach phase 3.
        await phase3.Entered.WaitAsync(Workflows.Deadline);
        var done = await cluster.Client.Workflow(id).WaitForStatusAsync(WorkflowStatusCode.Completed);
        Assert.Equal(100, done.Progress);
        Assert.Equal(1, phase1.Runs);          // the phase before the crash is not run again
        Assert.InRange(phase2.Runs, 1, 2);     // the interrupted phase: rejoined, or run again
        Assert.Equal(1, phase3.Runs);
        Assert.NotEqual(victim.SiloAddress, await management.GetActivationAddress(cluster.Client.Workflow(id)));
    }
}
