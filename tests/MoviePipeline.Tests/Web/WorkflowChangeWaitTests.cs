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

        // Asked for the longest wait there is, it must answer before that: it has changes already.
        var changes = await workflow.WaitForChangeAsync(0, IProjectWorkflowGrain.MaxChangeWait).WaitAsync(IProjectWorkflowGrain.MaxChangeWait * 0.75);
        Assert.Equal(Enumerable.Range(1, (int)done.Version).Select(v => (long)v), changes.Select(c => c.Version));
    }

    [Fact]
    public async Task WaitForChange_WhenNothingChanges_ReturnsEmptyAfterTheTimeout_WithoutBlockingOtherCalls()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var workflow = fixture.Grains.Workflow(id);
        var status = await workflow.GetStatusAsync();

        // A wait long enough that a status call on a busy machine still comes back before it ends. (That the wait
        // lasts its whole timeout is SavedWorkflowTests' business, on a fake clock.)
        var waiting = workflow.WaitForChangeAsync(status!.Version, TimeSpan.FromSeconds(10));
        Assert.NotNull(await workflow.GetStatusAsync()); // answered while the wait is pending
        Assert.False(waiting.IsCompleted);
        Assert.Empty(await waiting.WaitAsync(Workflows.Deadline));
    }

    [Fact]
    public async Task WaitForChange_WakesWhenAChangeIsSaved()
    {
        var id = await fixture.Grains.CreateProjectAsync();
        var script = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var workflow = fixture.Grains.Workflow(id);
        var before = (await workflow.GetStatusAsync())!.Version;

        // Asked for the longest wait there is, it must wake before that: the start saves a change.
        var waiting = workflow.WaitForChangeAsync(before, IProjectWorkflowGrain.MaxChangeWait);
        await workflow.StartAsync();
        var changes = await waiting.WaitAsync(IProjectWorkflowGrain.MaxChangeWait * 0.75);
        Assert.Equal(before + 1, changes[0].Version);
        Assert.Equal(WorkflowStatusCode.Parsing, changes[0].Status);

        script.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
    }
}
