using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>Phase 3 (keyed by the project id): a clip per scene with speech and subtitles, then one final movie.</summary>
/// <remarks>Runs as <see cref="IScriptToTrailerGrain"/> describes.</remarks>
[Alias("MoviePipeline.IStoryboardToMovieGrain")]
public interface IStoryboardToMovieGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the phase on phase 1's analysis and phase 2's storyboard, as the workflow hands them over.</summary>
    [Alias("Run")]
    IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard);

    /// <summary>The clips and the final cut, or null before the phase first ran.</summary>
    [Alias("GetOutput")]
    Task<MovieOutput?> GetOutputAsync();
}
