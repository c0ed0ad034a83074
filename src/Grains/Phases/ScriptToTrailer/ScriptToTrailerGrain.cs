using Microsoft.Extensions.Logging;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>Phase 1's grain: reads the project's script, runs the work, keeps its output.</summary>
public sealed class ScriptToTrailerGrain(
    [PersistentState("trailer")] IPersistentState<TrailerPhaseState> state,
    IScriptToTrailerPhase phase,
    ILogger<ScriptToTrailerGrain> logger) : PhaseGrain(logger), IScriptToTrailerGrain
{
    public Task<TrailerOutput?> GetOutputAsync() => Task.FromResult(state.State.Output);

    protected override async Task<string> ExecuteAsync(PhaseContext context)
    {
        var project = await GrainFactory.GetGrain<IProjectWorkflowGrain>(ProjectId).GetProjectAsync()
            ?? throw new PhaseFailedException($"Project {ProjectId} does not exist.", retryable: false);

        var output = await phase.RunAsync(context, project);
        state.State.Output = output;
        await state.WriteStateAsync();

        var analysis = output.Analysis;
        return $"{analysis.Scenes.Count} scenes, {analysis.Characters.Count} characters, {analysis.Settings.Count} settings"
            + (output.TrailerKey is null ? "" : $", a {output.TrailerDuration:0.#} s trailer");
    }
}
