namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>Phase 3 with media generation off (configuration <c>Pipeline:Media = None</c>): makes no clips or movie.</summary>
public sealed class NoMediaMoviePhase : IStoryboardToMoviePhase
{
    public async Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard)
    {
        await context.ReportAsync(1, "Media generation is off: no clips or movie were made.");
        return new MovieOutput([], Movie: null);
    }
}
