using MoviePipeline.Media.Tools;
using MoviePipeline.Phases;

namespace MoviePipeline.Tests.LocalMedia;

public sealed class BoundedWorkTests
{
    [Fact]
    public async Task RunAsync_ManyItems_KeepsItemOrderAndNeverRunsMoreThanTheBound()
    {
        var running = 0;
        var most = 0;
        var heard = new List<int>();
        var items = Enumerable.Range(1, 20).ToList();

        var results = await BoundedWork.RunAsync(items, 3, async n =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(n % 4); // finish out of order
            Interlocked.Decrement(ref running);
            return n * 10;
        }, (done, result) =>
        {
            heard.Add(done);
            return Task.CompletedTask;
        });

        Assert.Equal(items.Select(n => n * 10), results);
        Assert.InRange(most, 1, 3);
        Assert.Equal(Enumerable.Range(1, 20), heard);
    }

    [Fact]
    public async Task RunAsync_OneFails_StartsNothingMoreAndThrowsThatFailure()
    {
        var started = new List<int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = 0;

        var failure = await Assert.ThrowsAsync<ExternalToolException>(() => BoundedWork.RunAsync(Enumerable.Range(1, 10).ToList(), 2, async n =>
        {
            lock (started) started.Add(n);
            if (n == 2)
            {
                // Scene 1 finishes only after scene 2 has failed; it is still awaited, but no scene 3 starts.
                gate.TrySetResult();
                throw new ExternalToolException("scene 2 broke");
            }
            await gate.Task;
            return n;
        }, (_, _) =>
        {
            heard++;
            return Task.CompletedTask;
        }));

        Assert.Equal("scene 2 broke", failure.Message);
        Assert.Equal([1, 2], started);
        Assert.Equal(0, heard);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
