namespace MoviePipeline.Phases;

/// <summary>Phase 1: understands the script, drafts a frame per scene and cuts the trailer.</summary>
[Alias("MoviePipeline.IScriptToTrailerGrain")]
public interface IScriptToTrailerGrain : IPhaseGrain
{
    /// <summary>The phase's output, or null before it first completed.</summary>
    [Alias("GetOutput")]
    Task<TrailerOutput?> GetOutputAsync();
}
