namespace MoviePipeline.Persistence;

/// <summary>
/// Group commit for one reentrant grain's state: writes run one at a time, and every caller
/// that asks while a write is in flight joins the single write queued behind it, so N
/// concurrent changes cost two writes, not N. Grain code only: it relies on the grain's
/// single-threaded scheduler.
/// </summary>
public sealed class CoalescingWriter(Func<Task> write)
{
    private Task _tail = Task.CompletedTask;
    private Task? _queued;

    /// <summary>Completes once a write that started after this call has succeeded.</summary>
    public Task WriteAsync()
    {
        if (_queued is not null) return _queued;
        var queued = WriteAfterAsync(_tail);
        _queued = queued;
        _tail = queued;
        return queued;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        // Always yield first, so WriteAsync has recorded this write as the one to join.
        await Task.Yield();
        try
        {
            await previous;
        }
        catch
        {
            // Its callers saw that failure; this write is a new attempt.
        }

        // From here on the state is being captured: later changes need the next write.
        _queued = null;
        await write();
    }
}
