using Orleans.TestingHost;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

/// <summary>Phases may run for an hour: no grain call may time out because one is long.</summary>
public sealed class LongPhaseTests(ShortTimeoutClusterFixture fixture) : IClassFixture<ShortTimeoutClusterFixture>
{
    [Fact]
    public async Task Phase_LongerThanTheCallTimeout_CompletesInOneAttempt()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        var workflow = fixture.Grains.Workflow(id);
        await workflow.StartAsync();
        await phase2.Entered;

        // The phase outlives three call timeouts (this wait is the long phase itself, not a wait for state).
        await Task.Delay(3 * ShortTimeoutClusterFixture.ResponseTimeout);
        var during = await workflow.GetStatusAsync();
        Assert.Equal(WorkflowStatusCode.GeneratingStoryboard, during!.Status);
        Assert.Equal(1, during.Attempt);

        phase2.OpenGate();
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
        Assert.Equal(1, phase2.Runs);
        Assert.Equal(1, done.Phases[1].Attempts);
    }
}

/// <summary>
/// Grain calls time out after one second here, so a phase held longer than that shows
/// whether a long phase would make any call time out.
/// </summary>
public sealed class ShortTimeoutClusterFixture : ClusterFixture
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(1);

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        base.ConfigureCluster(builder);
        builder.AddSiloBuilderConfigurator<ShortTimeoutConfigurator>();
    }

    private sealed class ShortTimeoutConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }
}
