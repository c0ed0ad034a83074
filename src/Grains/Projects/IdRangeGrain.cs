using MoviePipeline.Persistence;

namespace MoviePipeline.Projects;

/// <summary>
/// Hands out ranges of ids. The high-water mark is written before a range is returned, and optimistic concurrency on
/// the state rejects a second activation's write, so an id is never given twice; a range not used up when a silo dies
/// is skipped.
/// </summary>
public abstract class IdRangeGrain(IPersistentState<ProjectIdState> state, string what) : Grain
{
    /// <summary>Reserves <paramref name="count"/> consecutive ids above <paramref name="floor"/> and returns the first.</summary>
    protected async Task<long> ReserveRangeAsync(int count, long floor = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var first = Math.Max(state.State.Highest, floor) + 1;
        state.State.Highest = first + count - 1;
        try
        {
            await StorageFailures.RunAsync(state.WriteStateAsync, $"Reserving {what}");
        }
        catch
        {
            // Unsaved, the range is not ours: read back what storage holds before anyone asks again.
            await StorageFailures.RunAsync(state.ReadStateAsync, $"Reading the allocator of {what}");
            throw;
        }
        return first;
    }

    protected long Highest => state.State.Highest;
}
