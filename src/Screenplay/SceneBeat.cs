namespace MoviePipeline.Screenplay;

/// <summary>
/// One step of a scene: a paragraph of action (plain text) or a speech. A speech has one speaker, or several for a
/// joint cue ("EDWARD AND WILL"); <see cref="Source"/> says where their voice comes from.
/// </summary>
internal sealed record SceneBeat(string? Action, IReadOnlyList<int> Speakers, LineSource Source, IReadOnlyList<DialogueLine> Lines)
{
    public static SceneBeat OfAction(string text) => new(text, [], LineSource.OnScreen, []);

    public static SceneBeat OfSpeech(IReadOnlyList<int> speakers, LineSource source, IReadOnlyList<DialogueLine> lines) => new(null, speakers, source, lines);
}
