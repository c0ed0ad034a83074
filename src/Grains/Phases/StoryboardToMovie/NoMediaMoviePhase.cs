using Microsoft.Extensions.Options;

namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>
/// Phase 3 with media generation off (configuration <c>Pipeline:Media = None</c>): makes no clips
/// or movie; takes <see cref="PipelineOptions.SimulatedPhaseDuration"/>.
/// </summary>
public sealed class NoMediaMoviePhase(IOptions<PipelineOptions> options, TimeProvider time) : IStoryboardToMoviePhase
{
    public async Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard)
    {
        await SimulatedLatency.WaitAsync(context, options.Value.SimulatedPhaseDuration, time, 0, 1, "Making clips");
        await context.ReportAsync(1, "Media generation is off: no clips or movie were made.");
        return new MovieOutput([], Movie: null);
    }
}
