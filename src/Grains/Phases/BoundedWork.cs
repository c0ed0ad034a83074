namespace MoviePipeline.Phases;

/// <summary>
/// Runs one piece of work per item, a few at a time, on the caller's scheduler (a grain's, for the phases), and hears
/// each result as it lands. The media work limiter bounds the CPU; this only keeps a long list from queueing at once.
/// </summary>
public static class BoundedWork
{
    /// <summary>
    /// Runs <paramref name="work"/> for every item with at most <paramref name="parallel"/> running, calls
    /// <paramref name="onDone"/> (count done so far, the result) after each, and returns the results in item order.
    /// After the first failure no new work starts; the running work is awaited, then that failure is thrown.
    /// </summary>
    public static async Task<TResult[]> RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int parallel,
        Func<TItem, Task<TResult>> work,
        Func<int, TResult, Task>? onDone = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        var results = new TResult[items.Count];
        var running = new Dictionary<Task<TResult>, int>();
        var next = 0;
        var done = 0;
        Exception? failure = null;
        while (running.Count > 0 || (failure is null && next < items.Count))
        {
            while (failure is null && next < items.Count && running.Count < Math.Max(1, parallel))
            {
                running.Add(Start(work, items[next]), next);
                next++;
            }

            await Task.WhenAny(running.Keys);
            // Failures first: a failure that landed beside successes stops new work at once.
            foreach (var finished in running.Keys.Where(t => t.IsCompleted).OrderBy(t => t.IsCompletedSuccessfully).ToList())
            {
                var index = running[finished];
                running.Remove(finished);
                if (!finished.IsCompletedSuccessfully)
                {
                    failure ??= finished.Exception?.InnerException ?? new OperationCanceledException();
                    continue;
                }

                results[index] = finished.Result;
                done++;
                if (failure is null && onDone is not null)
                {
                    try
                    {
                        await onDone(done, finished.Result);
                    }
                    catch (Exception ex)
                    {
                        failure = ex;
                    }
                }
            }
        }

        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return results;
    }

    // A synchronous throw becomes a faulted task, so it is handled like any other failure.
    private static async Task<TResult> Start<TItem, TResult>(Func<TItem, Task<TResult>> work, TItem item) => await work(item);
}
