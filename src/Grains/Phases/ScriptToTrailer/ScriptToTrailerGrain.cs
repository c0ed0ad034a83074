using Microsoft.Extensions.Logging;
using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>Phase 1's grain: runs the work on the project the workflow hands over, keeps its output.</summary>
public sealed class ScriptToTrailerGrain(
    [PersistentState("trailer")] IPersistentState<TrailerPhaseState> state,
    IScriptToTrailerPhase phase,
    ILogger<ScriptToTrailerGrain> logger) : PhaseGrain(logger), IScriptToTrailerGrain
{
    public Task<TrailerOutput?> GetOutputAsync() => Task.FromResult(state.State.Output);

    public IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, ProjectSnapshot project) => Run(run, async context =>
    {
        var output = await phase.RunAsync(context, project);
        state.State.Output = output;
        await state.WriteStateAsync();

        var analysis = output.Analysis;
        var work = output.DraftFrames.Count == 0 ? null : SceneWorkOf(output.DraftFrames.Select(f => f.Reused));
        return new PhaseSummary(
            $"{analysis.Scenes.Count} scenes, {analysis.Characters.Count} characters, {analysis.Settings.Count} settings"
            + (work is null ? "" : $"; frames: {work}")
            + (output.TrailerKey is null ? "" : $"; a {output.TrailerDuration:0.#} s trailer{(output.TrailerReused ? " (reused)" : "")}"),
            work);
    });
}
