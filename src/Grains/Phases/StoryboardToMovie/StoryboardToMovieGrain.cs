using Microsoft.Extensions.Logging;

namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>Phase 3's grain: takes the analysis and the storyboard, runs the work, keeps clips and movie.</summary>
public sealed class StoryboardToMovieGrain(
    [PersistentState("movie")] IPersistentState<MoviePhaseState> state,
    IStoryboardToMoviePhase phase,
    ILogger<StoryboardToMovieGrain> logger) : PhaseGrain(logger), IStoryboardToMovieGrain
{
    public Task<MovieOutput?> GetOutputAsync() => Task.FromResult(state.State.Output);

    protected override async Task<string> ExecuteAsync(PhaseContext context)
    {
        var trailer = await GrainFactory.GetGrain<IScriptToTrailerGrain>(ProjectId).GetOutputAsync()
            ?? throw new PhaseFailedException("Phase 1 has no output to build a movie from.", retryable: false);
        var storyboard = await GrainFactory.GetGrain<ITrailerToStoryboardGrain>(ProjectId).GetFramesAsync();

        var output = await phase.RunAsync(context, trailer, storyboard);
        state.State.Output = output;
        await state.WriteStateAsync();

        var clips = output.Clips.Count(c => c.Status == ClipStatus.Completed);
        return output.Movie is { Status: MovieStatus.Completed } movie
            ? $"{clips} clips, a {movie.Duration:0.#} s movie"
            : $"{clips} clips, no final movie (media generation is off)";
    }
}
