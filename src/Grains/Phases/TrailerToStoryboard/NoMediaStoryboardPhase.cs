namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>Phase 2 with media generation off (configuration <c>Pipeline:Media = None</c>): makes no frames.</summary>
public sealed class NoMediaStoryboardPhase : ITrailerToStoryboardPhase
{
    public async Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer)
    {
        await context.ReportAsync(1, "Media generation is off: no storyboard frames were made.");
        return [];
    }
}
