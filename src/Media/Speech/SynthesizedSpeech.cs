namespace MoviePipeline.Media.Speech;

/// <summary>A stored spoken line.</summary>
/// <param name="Key">Artifact key of the WAV.</param>
/// <param name="DurationSeconds">Its length, read from the WAV header.</param>
/// <param name="Voice">The voice it was spoken with (after the parenthetical shaped it).</param>
/// <param name="SpokenText">The text that was spoken (cleaned and maybe shortened).</param>
public sealed record SynthesizedSpeech(string Key, double DurationSeconds, SpeechVoice Voice, string SpokenText);
