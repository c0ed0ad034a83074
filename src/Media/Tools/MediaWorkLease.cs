namespace MoviePipeline.Media.Tools;

/// <summary>One taken slot of a <see cref="MediaWorkLimiter"/>; disposing it (once or more) frees the slot once.</summary>
public sealed class MediaWorkLease : IDisposable
{
    private readonly string _owner;
    private MediaWorkLimiter? _limiter;

    internal MediaWorkLease(MediaWorkLimiter limiter, string owner)
    {
        _limiter = limiter;
        _owner = owner;
    }

    public void Dispose() => Interlocked.Exchange(ref _limiter, null)?.Release(_owner);
}
