using MoviePipeline.Persistence;

namespace MoviePipeline.Tests.Persistence;

public sealed class CoalescingWriterTests
{
    [Fact]
    public async Task WriteAsync_ManyWhileOneIsInFlight_ShareOneWriteAfterIt()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        var writer = new CoalescingWriter(async () =>
        {
            writes++;
            await gate.Task;
        });

        await OnOneThreadAsync(async () =>
        {
            var first = writer.WriteAsync();
            while (writes == 0) await Task.Yield(); // the first write is in flight
            var waiting = Enumerable.Range(0, 10).Select(_ => writer.WriteAsync()).ToList();

            var shared = Assert.Single(waiting.Distinct());
            Assert.NotSame(first, shared);
            gate.SetResult();
            await first;
            await shared;
            Assert.Equal(2, writes);

            // Once all is written, the next caller gets a write of its own.
            await writer.WriteAsync();
            Assert.Equal(3, writes);
        });
    }

    [Fact]
    public async Task WriteAsync_AfterAFailedWrite_TriesAgainAndTheWaitersSeeTheirOwnOutcome()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        var writer = new CoalescingWriter(async () =>
        {
            if (++writes == 1)
            {
                await gate.Task;
                throw new InvalidOperationException("storage is down");
            }
        });

        await OnOneThreadAsync(async () =>
        {
            var first = writer.WriteAsync();
            while (writes == 0) await Task.Yield();
            var second = writer.WriteAsync();
            gate.SetResult();

            await Assert.ThrowsAsync<InvalidOperationException>(() => first);
            await second; // a new attempt, not the failed write's outcome
            Assert.Equal(2, writes);
        });
    }

    /// <summary>Runs <paramref name="body"/> and its continuations one at a time, as a grain's scheduler would.</summary>
    private static Task OnOneThreadAsync(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None,
            new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
