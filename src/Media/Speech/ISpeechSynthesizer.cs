using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Media.Speech;

/// <summary>Speaks a line of dialogue into a WAV artifact. The local implementation is <see cref="EspeakSpeechSynthesizer"/>; a remote service can replace it.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Writes the line's WAV under <see cref="SpeechRequest.OutputKey"/> and returns its duration.</summary>
    Task<SynthesizedSpeech> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default);

    /// <summary>Everything that shapes the WAV of <paramref name="request"/> (its output key aside): the name of the line as a piece.</summary>
    PieceInputs Inputs(SpeechRequest request);
}
