namespace MoviePipeline.Media.Tools;

/// <summary>One taken slot of a <see cref="MediaWorkLimiter"/>; disposing it (once or more) frees the slot once.</summary>
public sealed class MediaWorkLease : IDisposable
{
    private SemaphoreSlim? _slots;

    internal MediaWorkLease(SemaphoreSlim slots) => _slots = slots;

    public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
}
