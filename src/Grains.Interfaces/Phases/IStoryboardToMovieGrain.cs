namespace MoviePipeline.Phases;

/// <summary>Phase 3: a clip per scene with speech and subtitles, then one final movie.</summary>
[Alias("MoviePipeline.IStoryboardToMovieGrain")]
public interface IStoryboardToMovieGrain : IPhaseGrain
{
    /// <summary>The clips and the final cut, or null before the phase first ran.</summary>
    [Alias("GetOutput")]
    Task<MovieOutput?> GetOutputAsync();
}
