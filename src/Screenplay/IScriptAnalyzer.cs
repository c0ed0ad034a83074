namespace MoviePipeline.Screenplay;

/// <summary>
/// Turns the text a user pasted (a Fountain screenplay, screenplay-like plain text, or only an idea)
/// into scenes, characters, settings and the scenes a trailer should use.
/// </summary>
public interface IScriptAnalyzer
{
    /// <summary>Analyzes <paramref name="script"/>. Never throws for any text; an empty or blank text gives zero scenes.</summary>
    ScriptAnalysis Analyze(string script);
}
