using Microsoft.Extensions.Options;

namespace MoviePipeline.Media.Tools;

/// <summary>
/// Bounds the CPU-heavy media work (frame renders, ffmpeg, espeak-ng) one silo runs at once, so that many
/// projects share a machine fairly. Callers never hold a slot while asking for another one.
/// </summary>
public sealed class MediaWorkLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public MediaWorkLimiter(IOptions<MediaOptions> options)
        : this(options?.Value.MaxConcurrentWork ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public MediaWorkLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    /// <summary>How many jobs may run at once.</summary>
    public int Limit { get; }

    /// <summary>How many slots are taken right now.</summary>
    public int InUse => Limit - _slots.CurrentCount;

    /// <summary>Waits for a free slot; dispose the lease to give it back.</summary>
    public async Task<MediaWorkLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        return new MediaWorkLease(_slots);
    }

    public void Dispose() => _slots.Dispose();
}
