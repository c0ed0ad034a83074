namespace MoviePipeline.Persistence;

/// <summary>
/// A list of ids that a reentrant grain keeps and many callers add to at once: an add joins the write queued behind the
/// one in flight (group commit, <see cref="CoalescingWriter"/>), and every write hands storage a copy taken when it
/// starts (the provider serializes the state after an await, on another thread, so a list that later adds changed under
/// it would fail the write or be stored torn). Grain code only.
/// </summary>
public sealed class GroupCommittedIds
{
    private readonly List<long> _ids = [];
    private readonly HashSet<long> _known = [];
    private readonly CoalescingWriter _writer;

    /// <param name="write">Stores a copy of the whole list.</param>
    public GroupCommittedIds(Func<List<long>, Task> write) => _writer = new CoalescingWriter(() => write([.. _ids]));

    /// <summary>The ids in the order they were added (a copy).</summary>
    public long[] Ids => [.. _ids];

    public int Count => _ids.Count;

    /// <summary>Takes in what storage holds (at activation), without writing.</summary>
    public void Load(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            if (_known.Add(id)) _ids.Add(id);
        }
    }

    /// <summary>Adds the id and completes once a write that carries it has succeeded.</summary>
    public Task AddAsync(long id)
    {
        // An id already in memory may not be written yet: join the write that will carry it.
        if (_known.Add(id)) _ids.Add(id);
        return _writer.WriteAsync();
    }

    /// <summary>Writes the list as it is.</summary>
    public Task WriteAsync() => _writer.WriteAsync();
}
