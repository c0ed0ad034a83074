namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>The work of phase 2: a storyboard frame per scene, checking and remaking phase 1's drafts.</summary>
public interface ITrailerToStoryboardPhase
{
    Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer);
}
