using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>Phase 2 (keyed by the project id): checks every draft frame and makes the poor or missing ones again.</summary>
/// <remarks>Runs as <see cref="IScriptToTrailerGrain"/> describes.</remarks>
[Alias("MoviePipeline.ITrailerToStoryboardGrain")]
public interface ITrailerToStoryboardGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the phase on phase 1's output, as the workflow hands it over.</summary>
    [Alias("Run")]
    IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, TrailerOutput trailer);

    /// <summary>The storyboard, one frame per scene in scene order (empty before the phase ran).</summary>
    [Alias("GetFrames")]
    Task<IReadOnlyList<SceneFrame>> GetFramesAsync();
}
