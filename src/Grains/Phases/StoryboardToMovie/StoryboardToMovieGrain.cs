using Microsoft.Extensions.Logging;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>Phase 3's grain: runs the work on the analysis and the storyboard the workflow hands over, keeps clips and movie.</summary>
public sealed class StoryboardToMovieGrain(
    [PersistentState("movie")] IPersistentState<MoviePhaseState> state,
    IStoryboardToMoviePhase phase,
    ILogger<StoryboardToMovieGrain> logger) : PhaseGrain(logger), IStoryboardToMovieGrain
{
    public Task<MovieOutput?> GetOutputAsync() => Task.FromResult(state.State.Output);

    public IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard) => Run(run, async context =>
    {
        var output = await phase.RunAsync(context, trailer, storyboard);
        state.State.Output = output;
        await state.WriteStateAsync();

        var clips = output.Clips.Count(c => c.Status == ClipStatus.Completed);
        if (output.Movie is not { Status: MovieStatus.Completed } movie)
            return new PhaseSummary($"{clips} clips, no final movie (media generation is off)");
        var work = SceneWorkOf(output.Clips.Select(c => c.Reused));
        return new PhaseSummary($"{clips} clips ({work}), a {movie.Duration:0.#} s movie{(movie.Reused ? " (reused)" : "")}", work);
    });
}
