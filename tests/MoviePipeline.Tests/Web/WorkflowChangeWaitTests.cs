using System.Diagnostics;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Web;

/// <summary>The workflow grain's long poll, which the event stream stands on.</summary>
[Collection(WebCollection.Name)]
public sealed class WorkflowChangeWaitTests(WebFixture fixture)
{
    [Fact]
    public async Task WaitForChange_WhenNewerChangesAreSaved_ReturnsThemAtOnce()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var workflow = fixture.Grains.Workflow(id);
        await workflow.StartAsync();
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);

        var clock = Stopwatch.StartNew();
        var changes = await workflow.WaitForChangeAsync(0, TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(1, (int)done.Version).Select(v => (long)v), changes.Select(c => c.Version));
    }

    [Fact]
    public async Task WaitForChange_WhenNothingChanges_ReturnsEmptyAfterTheTimeout_WithoutBlockingOtherCalls()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var workflow = fixture.Grains.Workflow(id);
        var status = await workflow.GetStatusAsync();

        var clock = Stopwatch.StartNew();
        var waiting = workflow.WaitForChangeAsync(status!.Version, TimeSpan.FromMilliseconds(400));
        Assert.NotNull(await workflow.GetStatusAsync()); // answered while the wait is pending
        Assert.False(waiting.IsCompleted);
        Assert.Empty(await waiting);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"returned after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task WaitForChange_WakesWhenAChangeIsSaved()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var script = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var workflow = fixture.Grains.Workflow(id);
        var before = (await workflow.GetStatusAsync())!.Version;

        var waiting = workflow.WaitForChangeAsync(before, TimeSpan.FromSeconds(15));
        var clock = Stopwatch.StartNew();
        await workflow.StartAsync();
        var changes = await waiting;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"woke after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(before + 1, changes[0].Version);
        Assert.Equal(WorkflowStatusCode.Parsing, changes[0].Status);

        script.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
    }
}
