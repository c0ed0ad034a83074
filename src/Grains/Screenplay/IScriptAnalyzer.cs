namespace MoviePipeline.Screenplay;

/// <summary>Understands a script: its scenes, characters, settings and the trailer's scenes.</summary>
public interface IScriptAnalyzer
{
    ScriptAnalysis Analyze(string script);
}
