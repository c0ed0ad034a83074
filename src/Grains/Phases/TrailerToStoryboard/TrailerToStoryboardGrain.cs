using Microsoft.Extensions.Logging;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>Phase 2's grain: runs the work on phase 1's output as the workflow hands it over, keeps the storyboard.</summary>
public sealed class TrailerToStoryboardGrain(
    [PersistentState("storyboard")] IPersistentState<StoryboardPhaseState> state,
    ITrailerToStoryboardPhase phase,
    ILogger<TrailerToStoryboardGrain> logger) : PhaseGrain(logger), ITrailerToStoryboardGrain
{
    public Task<IReadOnlyList<SceneFrame>> GetFramesAsync() => Task.FromResult<IReadOnlyList<SceneFrame>>(state.State.Frames);

    public IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, TrailerOutput trailer) => Run(run, async context =>
    {
        var frames = await phase.RunAsync(context, trailer);
        state.State.Frames = [.. frames];
        await state.WriteStateAsync();

        var done = frames.Count(f => f.Status == FrameStatus.Completed);
        var work = frames.Any(f => f.ImageKey is not null) ? SceneWorkOf(frames.Where(f => f.ImageKey is not null).Select(f => f.Reused)) : null;
        return new PhaseSummary(
            $"{done} of {trailer.Analysis.Scenes.Count} scenes have a storyboard frame" + (work is null ? "" : $" ({work})"), work);
    });
}
