using Microsoft.Extensions.Options;

namespace MoviePipeline.Media.Tools;

/// <summary>
/// Bounds the CPU-heavy media work (frame renders, ffmpeg, espeak-ng) one silo runs at once, and shares it fairly
/// between <see cref="MediaWorkOwner"/>s (projects): a freed slot goes to the waiting owner that holds the fewest slots
/// (the one whose turn came first on a tie), first come first served within each. So a short script started beside a
/// feature takes the next free slot and keeps one while it has work, instead of queueing behind the feature's phase 3.
/// Callers never hold a slot while asking for another one.
/// </summary>
public sealed class MediaWorkLimiter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<TaskCompletionSource<MediaWorkLease>>> _waiting = new(StringComparer.Ordinal);

    // Owners with someone waiting, in the order their turn comes.
    private readonly LinkedList<string> _turns = new();
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private int _free;

    public MediaWorkLimiter(IOptions<MediaOptions> options)
        : this(options?.Value.MaxConcurrentWork ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public MediaWorkLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _free = limit;
    }

    /// <summary>How many jobs may run at once.</summary>
    public int Limit { get; }

    /// <summary>How many slots are taken right now.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
                return Limit - _free;
        }
    }

    /// <summary>Waits for a free slot for the current <see cref="MediaWorkOwner"/>; dispose the lease to give it back.</summary>
    public Task<MediaWorkLease> AcquireAsync(CancellationToken cancellationToken = default) =>
        AcquireAsync(MediaWorkOwner.Current, cancellationToken);

    /// <summary>Waits for a free slot for <paramref name="owner"/>; dispose the lease to give it back.</summary>
    public async Task<MediaWorkLease> AcquireAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<MediaWorkLease> waiter;
        lock (_gate)
        {
            if (_free > 0 && _turns.Count == 0)
            {
                _free--;
                return Grant(owner);
            }

            waiter = new TaskCompletionSource<MediaWorkLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_waiting.TryGetValue(owner, out var queue))
            {
                _waiting.Add(owner, queue = new Queue<TaskCompletionSource<MediaWorkLease>>());
                _turns.AddLast(owner);
            }

            queue.Enqueue(waiter);
        }

        await using var registration = cancellationToken.Register(() => Withdraw(owner, waiter, cancellationToken));
        return await waiter.Task;
    }

    /// <summary>A waiter that gave up leaves its queue; one already granted keeps its slot (its caller frees it).</summary>
    private void Withdraw(string owner, TaskCompletionSource<MediaWorkLease> waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(owner, out var queue) || !queue.Contains(waiter))
                return;
            var rest = new Queue<TaskCompletionSource<MediaWorkLease>>(queue.Where(w => w != waiter));
            if (rest.Count == 0)
            {
                _waiting.Remove(owner);
                _turns.Remove(owner);
            }
            else
            {
                _waiting[owner] = rest;
            }
        }

        waiter.TrySetCanceled(cancellationToken);
    }

    /// <summary>
    /// A slot came back from <paramref name="owner"/>: the waiting owner holding the fewest slots gets it (the first in
    /// turn on a tie) and goes to the back of the line, or the slot is free.
    /// </summary>
    internal void Release(string owner)
    {
        TaskCompletionSource<MediaWorkLease> next;
        MediaWorkLease lease;
        lock (_gate)
        {
            if (_held[owner] == 1)
                _held.Remove(owner);
            else
                _held[owner]--;

            LinkedListNode<string>? turn = null;
            for (var node = _turns.First; node is not null; node = node.Next)
            {
                if (turn is null || _held.GetValueOrDefault(node.Value) < _held.GetValueOrDefault(turn.Value))
                    turn = node;
            }

            if (turn is null)
            {
                _free++;
                return;
            }

            var waiting = turn.Value;
            var queue = _waiting[waiting];
            next = queue.Dequeue();
            _turns.Remove(turn);
            if (queue.Count > 0)
                _turns.AddLast(waiting);
            else
                _waiting.Remove(waiting);
            lease = Grant(waiting);
        }

        // A waiter that gave up in the meantime hands the slot straight back.
        if (!next.TrySetResult(lease))
            lease.Dispose();
    }

    /// <summary>Counts a slot as held by <paramref name="owner"/>; called under the gate.</summary>
    private MediaWorkLease Grant(string owner)
    {
        _held[owner] = _held.GetValueOrDefault(owner) + 1;
        return new MediaWorkLease(this, owner);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var waiter in _waiting.Values.SelectMany(q => q))
                waiter.TrySetException(new ObjectDisposedException(nameof(MediaWorkLimiter)));
            _waiting.Clear();
            _turns.Clear();
        }
    }
}
