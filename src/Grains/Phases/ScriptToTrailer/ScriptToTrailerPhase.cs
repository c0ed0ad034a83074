using Microsoft.Extensions.Options;
using MoviePipeline.Projects;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>
/// Phase 1 with media generation off: understands the script and drafts no frames or trailer;
/// takes <see cref="PipelineOptions.SimulatedPhaseDuration"/> beyond the analysis.
/// </summary>
public sealed class AnalysisOnlyTrailerPhase(IScriptAnalyzer analyzer, IOptions<PipelineOptions> options, TimeProvider time) : IScriptToTrailerPhase
{
    public async Task<TrailerOutput> RunAsync(PhaseContext context, ProjectSnapshot project)
    {
        await context.ReportAsync(0, "Reading the script.");
        var analysis = await ScriptAnalysisStep.AnalyzeAsync(analyzer, project);
        await context.ReportAsync(0.5, $"Found {analysis.Scenes.Count} scenes and {analysis.Characters.Count} characters.");
        await SimulatedLatency.WaitAsync(context, options.Value.SimulatedPhaseDuration, time, 0.5, 1, "Drafting the trailer");
        return new TrailerOutput(analysis, [], TrailerKey: null, TrailerDuration: 0, time.GetUtcNow().UtcDateTime);
    }
}
