namespace MoviePipeline.Projects;

/// <summary>The ids of the projects in one block of ids.</summary>
public sealed class ProjectIndexGrain(
    [PersistentState("index")] IPersistentState<ProjectIndexState> state) : Grain, IProjectIndexGrain
{
    public async Task AddAsync(long projectId)
    {
        if (state.State.Ids.Contains(projectId)) return;
        state.State.Ids.Add(projectId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Ids.Remove(projectId);
            throw;
        }
    }

    public Task<IReadOnlyList<long>> GetIdsAsync() => Task.FromResult<IReadOnlyList<long>>([.. state.State.Ids]);
}
