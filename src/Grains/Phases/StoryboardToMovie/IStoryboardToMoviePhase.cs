namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>The work of phase 3: a clip per scene from its storyboard frame, speech, subtitles, the final movie.</summary>
public interface IStoryboardToMoviePhase
{
    Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard);
}
