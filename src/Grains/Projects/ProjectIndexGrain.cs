using MoviePipeline.Persistence;
using Orleans.Concurrency;

namespace MoviePipeline.Projects;

/// <summary>
/// The ids of the projects in one block of ids. Reentrant with group commit: projects
/// created at once in the same block share writes instead of queuing one write each.
/// </summary>
[Reentrant]
public sealed class ProjectIndexGrain : Grain, IProjectIndexGrain
{
    private readonly IPersistentState<ProjectIndexState> _state;
    private readonly HashSet<long> _known;
    private readonly CoalescingWriter _writer;

    public ProjectIndexGrain([PersistentState("index")] IPersistentState<ProjectIndexState> state)
    {
        _state = state;
        _known = [];
        _writer = new CoalescingWriter(state.WriteStateAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read after construction: index what storage holds.
        _known.UnionWith(_state.State.Ids);
        return Task.CompletedTask;
    }

    public async Task AddAsync(long projectId)
    {
        // An id already in memory may not be written yet: join the write that will carry it.
        if (_known.Add(projectId)) _state.State.Ids.Add(projectId);
        await _writer.WriteAsync();
    }

    public Task<IReadOnlyList<long>> GetIdsAsync() => Task.FromResult<IReadOnlyList<long>>([.. _state.State.Ids]);
}
