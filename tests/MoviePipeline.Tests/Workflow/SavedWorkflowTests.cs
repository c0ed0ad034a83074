using Microsoft.Extensions.Time.Testing;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

/// <summary>What readers of a workflow are shown, and their long poll, on a clock the test moves.</summary>
public sealed class SavedWorkflowTests
{
    private static WorkflowStatus At(long version) => WorkflowMachineState.Initial(7).ToStatus() with { Version = version };

    [Fact]
    public async Task Wait_WithNothingSaved_LastsItsWholeTimeout()
    {
        var time = new FakeTimeProvider();
        var saved = new SavedWorkflow(At(3), time);

        var waiting = saved.WaitAsync(3, TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, saved.Version);
    }

    [Fact]
    public async Task Wait_EndsWhenANewerVersionIsSaved_AndNotForAnOlderOne()
    {
        var time = new FakeTimeProvider();
        var saved = new SavedWorkflow(At(3), time);

        var waiting = saved.WaitAsync(3, TimeSpan.FromSeconds(10));
        saved.Saved(At(2));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(3, saved.Version);

        saved.Saved(At(4));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, saved.Status.Version);
    }

    [Fact]
    public void Wait_ForAVersionAlreadySaved_EndsAtOnce()
    {
        var saved = new SavedWorkflow(At(5), new FakeTimeProvider());
        Assert.True(saved.WaitAsync(4, TimeSpan.FromSeconds(10)).IsCompleted);
        Assert.True(saved.WaitAsync(5, TimeSpan.Zero).IsCompleted);
    }
}
