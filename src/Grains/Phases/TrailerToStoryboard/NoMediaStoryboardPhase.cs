using Microsoft.Extensions.Options;

namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>
/// Phase 2 with media generation off (configuration <c>Pipeline:Media = None</c>): makes no frames;
/// takes <see cref="PipelineOptions.SimulatedPhaseDuration"/>.
/// </summary>
public sealed class NoMediaStoryboardPhase(IOptions<PipelineOptions> options, TimeProvider time) : ITrailerToStoryboardPhase
{
    public async Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer)
    {
        await SimulatedLatency.WaitAsync(context, options.Value.SimulatedPhaseDuration, time, 0, 1, "Checking frames");
        await context.ReportAsync(1, "Media generation is off: no storyboard frames were made.");
        return [];
    }
}
