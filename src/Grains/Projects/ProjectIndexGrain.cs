using MoviePipeline.Persistence;
using Orleans.Concurrency;

namespace MoviePipeline.Projects;

/// <summary>
/// The ids of the projects in one block of ids, as they were listed before accounts (see
/// <see cref="IProjectIndexGrain"/>). Reentrant with group commit: adds at once share writes.
/// </summary>
[Reentrant]
public sealed class ProjectIndexGrain : Grain, IProjectIndexGrain
{
    private readonly IPersistentState<ProjectIndexState> _state;
    private readonly GroupCommittedIds _ids;

    public ProjectIndexGrain([PersistentState("index")] IPersistentState<ProjectIndexState> state)
    {
        _state = state;
        _ids = new GroupCommittedIds(ids =>
        {
            _state.State = new ProjectIndexState { Ids = ids };
            return _state.WriteStateAsync();
        });
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state is read after construction: index what storage holds.
        _ids.Load(_state.State.Ids);
        return Task.CompletedTask;
    }

    public Task AddAsync(long projectId) => _ids.AddAsync(projectId);

    public Task<IReadOnlyList<long>> GetIdsAsync() => Task.FromResult<IReadOnlyList<long>>(_ids.Ids);
}
