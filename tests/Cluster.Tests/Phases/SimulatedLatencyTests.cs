using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using MoviePipeline.Phases;
using MoviePipeline.Workflow;

namespace MoviePipeline.Cluster.Tests.Phases;

/// <summary>The simulated provider latency that lets the cluster tests catch phases in the middle.</summary>
public sealed class SimulatedLatencyTests
{
    [Fact]
    public async Task WaitAsync_TenSeconds_ReportsEachStepAndEndsOnlyOnceTheTimeHasPassed()
    {
        var time = new FakeTimeProvider();
        var reports = new List<PhaseProgress>();
        var context = Context(reports);

        var wait = SimulatedLatency.WaitAsync(context, TimeSpan.FromSeconds(10), time, 0.5, 1, "Drafting the trailer");

        for (var step = 1; step <= SimulatedLatency.Steps; step++)
        {
            await UntilAsync(() => Count(reports) == step);
            Assert.False(wait.IsCompleted, $"finished after {step - 1} of 10 seconds");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95], reports.Select(r => Math.Round(r.Fraction, 3)));
        Assert.Equal("Drafting the trailer (simulated): step 10 of 10.", reports[^1].Message);
        Assert.All(reports, r => Assert.Equal("7-1-1", r.RunId));
    }

    [Fact]
    public async Task WaitAsync_Zero_ReturnsAtOnceWithoutReports()
    {
        var reports = new List<PhaseProgress>();

        var wait = SimulatedLatency.WaitAsync(Context(reports), TimeSpan.Zero, new FakeTimeProvider(), 0, 1, "Checking frames");

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
        Assert.Empty(reports);
    }

    private static PhaseContext Context(List<PhaseProgress> reports) =>
        new(new PhaseRun(7, WorkflowPhase.ScriptToTrailer, "7-1-1", 1), progress =>
        {
            lock (reports)
            {
                reports.Add(progress);
            }

            return Task.CompletedTask;
        });

    private static int Count(List<PhaseProgress> reports)
    {
        lock (reports)
        {
            return reports.Count;
        }
    }

    // Continuations after a fake-clock advance may run on another thread: wait for them, with a deadline.
    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the expected report did not arrive");
            await Task.Delay(1);
        }
    }
}
