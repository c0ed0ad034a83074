namespace MoviePipeline.Screenplay;

/// <summary>What phase 1 understood of a script: its scenes, characters, settings and the trailer's scenes.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ScriptAnalysis")]
public sealed record ScriptAnalysis(
    string Title,
    IReadOnlyList<AnalyzedScene> Scenes,
    IReadOnlyList<AnalyzedCharacter> Characters,
    IReadOnlyList<AnalyzedSetting> Settings,
    IReadOnlyList<int> TrailerSceneNumbers);

/// <summary>One scene, numbered from 1 in story order.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedScene")]
public sealed record AnalyzedScene(
    int Number,
    string Title,
    string Description,
    string Setting,
    IReadOnlyList<string> Characters,
    IReadOnlyList<DialogueLine> Dialogue,
    double DurationSeconds);

/// <summary>One spoken line: <c>NAME: (parenthetical) text</c>.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.DialogueLine")]
public sealed record DialogueLine(string Character, string? Parenthetical, string Text)
{
    public override string ToString() =>
        Parenthetical is { Length: > 0 } p ? $"{Character}: ({p}) {Text}" : $"{Character}: {Text}";
}

[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedCharacter")]
public sealed record AnalyzedCharacter(string Name, string Description, string VisualDescription, int LineCount);

/// <summary>A place the story happens, e.g. "INT. KITCHEN - NIGHT" gives location KITCHEN, interior, night.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedSetting")]
public sealed record AnalyzedSetting(
    string Name,
    string Location,
    string InteriorExterior,
    string TimeOfDay,
    string Description,
    string VisualDescription);
