namespace MoviePipeline.Workflow;

/// <summary>
/// What storage holds of one workflow, as its readers see it: the status at the highest saved version, and the long
/// poll of readers waiting for the next saved change. Nobody is told of a change before it is written.
/// Grain code only: it relies on the grain's single-threaded scheduler.
/// </summary>
public sealed class SavedWorkflow(WorkflowStatus status, TimeProvider time)
{
    private TaskCompletionSource? _changeSaved;

    public WorkflowStatus Status { get; private set; } = status;

    public long Version => Status.Version;

    /// <summary>Whether a reader waits for the next saved change (an event stream's long poll).</summary>
    public bool Watched => _changeSaved is not null;

    /// <summary>Records what storage now holds and wakes the readers waiting for a change.</summary>
    public void Saved(WorkflowStatus status)
    {
        if (status.Version <= Status.Version) return;
        Status = status;
        var waiting = _changeSaved;
        _changeSaved = null;
        waiting?.TrySetResult();
    }

    /// <summary>Waits until a version above <paramref name="afterVersion"/> is saved, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(long afterVersion, TimeSpan timeout)
    {
        if (Version > afterVersion || timeout <= TimeSpan.Zero) return;
        _changeSaved ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.WhenAny(_changeSaved.Task, Task.Delay(timeout, time));
    }

    /// <summary>Lets every waiting reader go (the activation is going away): they ask the next one.</summary>
    public void ReleaseReaders() => _changeSaved?.TrySetResult();
}
