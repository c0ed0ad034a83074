using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Speech;

/// <summary>One line to speak and where to store its WAV.</summary>
/// <param name="Line">The line; its character picks the voice, its parenthetical the delivery.</param>
/// <param name="OutputKey">Artifact key of the WAV, e.g. <c>ArtifactKeys.SpeechLine(project, scene, line)</c>.</param>
public sealed record SpeechRequest(DialogueLine Line, string OutputKey)
{
    /// <summary>Every character name of the project: keeps voices apart when <see cref="Voice"/> is not given.</summary>
    public IReadOnlyList<string>? Cast { get; init; }

    /// <summary>The voice cast for the line's speaker (<see cref="VoiceCast.For(DialogueLine)"/>); the parenthetical still shapes it.</summary>
    public SpeechVoice? Voice { get; init; }
}
