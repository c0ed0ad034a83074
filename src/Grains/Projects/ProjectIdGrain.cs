using MoviePipeline.Persistence;

namespace MoviePipeline.Projects;

/// <summary>
/// Hands out ranges of project ids. The high-water mark is written before a range is
/// returned, and optimistic concurrency on the state rejects a second activation's write,
/// so an id is never given twice; a range not used up when a silo dies is skipped.
/// </summary>
public sealed class ProjectIdGrain(
    [PersistentState("ids")] IPersistentState<ProjectIdState> state) : Grain, IProjectIdGrain
{
    public async Task<long> ReserveAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var first = state.State.Highest + 1;
        state.State.Highest += count;
        try
        {
            await StorageFailures.RunAsync(state.WriteStateAsync, "Reserving project ids");
        }
        catch
        {
            // Unsaved, the range is not ours: read back what storage holds before anyone asks again.
            await StorageFailures.RunAsync(state.ReadStateAsync, "Reading the project id allocator");
            throw;
        }
        return first;
    }

    public Task<long> GetHighestAsync() => Task.FromResult(state.State.Highest);
}
