using MoviePipeline.Persistence;
using Orleans.Concurrency;

namespace MoviePipeline.Projects;

/// <summary>
/// The ids of the projects in one block of ids. Reentrant with group commit: projects
/// created at once in the same block share writes instead of queuing one write each.
/// </summary>
/// <remarks>
/// Adds go to <see cref="_ids"/>; each write hands storage a copy taken when it starts. The storage provider
/// serializes the state after an await, on another thread, so a list that later adds change under it would
/// fail the write ("collection was modified") or store a torn list.
/// </remarks>
[Reentrant]
public sealed class ProjectIndexGrain : Grain, IProjectIndexGrain
{
    private readonly IPersistentState<ProjectIndexState> _state;
    private readonly List<long> _ids = [];
    private readonly HashSet<long> _known = [];
    private readonly CoalescingWriter _writer;

    public ProjectIndexGrain([PersistentState("index")] IPersistentState<ProjectIndexState> state)
    {
        _state = state;
        _writer = new CoalescingWriter(WriteSnapshotAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read after construction: index what storage holds.
        foreach (var id in _state.State.Ids)
        {
            if (_known.Add(id)) _ids.Add(id);
        }
        return Task.CompletedTask;
    }

    public async Task AddAsync(long projectId)
    {
        // An id already in memory may not be written yet: join the write that will carry it.
        if (_known.Add(projectId)) _ids.Add(projectId);
        await _writer.WriteAsync();
    }

    public Task<IReadOnlyList<long>> GetIdsAsync() => Task.FromResult<IReadOnlyList<long>>([.. _ids]);

    private Task WriteSnapshotAsync()
    {
        _state.State = new ProjectIndexState { Ids = [.. _ids] };
        return _state.WriteStateAsync();
    }
}
