using Microsoft.Extensions.Logging;

namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>Phase 2's grain: takes phase 1's output, runs the work, keeps the storyboard.</summary>
public sealed class TrailerToStoryboardGrain(
    [PersistentState("storyboard")] IPersistentState<StoryboardPhaseState> state,
    ITrailerToStoryboardPhase phase,
    ILogger<TrailerToStoryboardGrain> logger) : PhaseGrain(logger), ITrailerToStoryboardGrain
{
    public Task<IReadOnlyList<SceneFrame>> GetFramesAsync() => Task.FromResult<IReadOnlyList<SceneFrame>>(state.State.Frames);

    protected override async Task<string> ExecuteAsync(PhaseContext context)
    {
        var trailer = await GrainFactory.GetGrain<IScriptToTrailerGrain>(ProjectId).GetOutputAsync()
            ?? throw new PhaseFailedException("Phase 1 has no output to build a storyboard from.", retryable: false);

        var frames = await phase.RunAsync(context, trailer);
        state.State.Frames = [.. frames];
        await state.WriteStateAsync();

        var done = frames.Count(f => f.Status == FrameStatus.Completed);
        return $"{done} of {trailer.Analysis.Scenes.Count} scenes have a storyboard frame";
    }
}
