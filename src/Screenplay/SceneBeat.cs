namespace MoviePipeline.Screenplay;

/// <summary>One step of a scene: a paragraph of action (plain text) or a speech by one character.</summary>
internal sealed record SceneBeat(string? Action, int Speaker, IReadOnlyList<DialogueLine> Lines)
{
    public static SceneBeat OfAction(string text) => new(text, -1, []);

    public static SceneBeat OfSpeech(int speaker, IReadOnlyList<DialogueLine> lines) => new(null, speaker, lines);
}
