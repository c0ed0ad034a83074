namespace MoviePipeline.Projects;

/// <summary>The cluster's allocator of project ids: see <see cref="IdRangeGrain"/>.</summary>
public sealed class ProjectIdGrain([PersistentState("ids")] IPersistentState<ProjectIdState> state)
    : IdRangeGrain(state, "project ids"), IProjectIdGrain
{
    public Task<long> ReserveAsync(int count) => ReserveRangeAsync(count);

    public Task<long> GetHighestAsync() => Task.FromResult(Highest);
}
