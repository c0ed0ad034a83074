namespace MoviePipeline.Projects;

/// <summary>
/// The one allocator of project ids in a cluster (key 0). It hands out ranges of ids and
/// persists the high-water mark before it answers, so no id is ever given twice.
/// </summary>
[Alias("MoviePipeline.IProjectIdGrain")]
public interface IProjectIdGrain : IGrainWithIntegerKey
{
    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(int count);

    /// <summary>The highest id reserved so far (0 when none).</summary>
    [Alias("GetHighest")]
    Task<long> GetHighestAsync();
}
