using MoviePipeline.Projects;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>The first step of phase 1, shared by every way of running it.</summary>
public static class ScriptAnalysisStep
{
    public static async Task<ScriptAnalysis> AnalyzeAsync(IScriptAnalyzer analyzer, ProjectSnapshot project)
    {
        // Parsing a large script is CPU work: keep it off the grain's scheduler.
        var analysis = await Task.Run(() => analyzer.Analyze(project.ScriptContent));
        if (analysis.Scenes.Count == 0)
        {
            throw new PhaseFailedException(
                "The script has no text to make scenes from. Add scenes (e.g. 'INT. KITCHEN - NIGHT') or a few paragraphs and start again.",
                retryable: false);
        }
        return analysis.Title.Length > 0 ? analysis : analysis with { Title = project.Title };
    }
}
