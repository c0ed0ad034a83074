namespace MoviePipeline.Phases;

/// <summary>Phase 2: checks every draft frame and makes the poor or missing ones again.</summary>
[Alias("MoviePipeline.ITrailerToStoryboardGrain")]
public interface ITrailerToStoryboardGrain : IPhaseGrain
{
    /// <summary>The storyboard, one frame per scene in scene order (empty before the phase ran).</summary>
    [Alias("GetFrames")]
    Task<IReadOnlyList<SceneFrame>> GetFramesAsync();
}
