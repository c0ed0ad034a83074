using System.Globalization;

namespace MoviePipeline.Media.Speech;

/// <summary>An espeak-ng voice: language, variant (m1-m8, f1-f5, whisper...), pitch, speed, loudness and word gap.</summary>
/// <param name="Language">espeak-ng language, e.g. "en-us".</param>
/// <param name="Variant">espeak-ng variant, e.g. "f2".</param>
/// <param name="Pitch">0-99, default 50.</param>
/// <param name="WordsPerMinute">80-450, default 175.</param>
/// <param name="Amplitude">0-200, default 100.</param>
/// <param name="WordGap">Extra pause between words, in units of 10 ms.</param>
public sealed record SpeechVoice(string Language, string Variant, int Pitch, int WordsPerMinute, int Amplitude, int WordGap)
{
    /// <summary>An ffmpeg audio filter the speech goes through (a telephone, a machine); null for the voice as it is.</summary>
    public string? Effect { get; init; }

    /// <summary>The <c>-v</c> value, e.g. "en-us+f2".</summary>
    public string VoiceName => $"{Language}+{Variant}";

    /// <summary>The espeak-ng arguments that select this voice.</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "-v", VoiceName,
        "-p", Pitch.ToString(CultureInfo.InvariantCulture),
        "-s", WordsPerMinute.ToString(CultureInfo.InvariantCulture),
        "-a", Amplitude.ToString(CultureInfo.InvariantCulture),
        "-g", WordGap.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The same voice with every setting clamped to what espeak-ng accepts.</summary>
    public SpeechVoice Clamped() => this with
    {
        Pitch = Math.Clamp(Pitch, 0, 99),
        WordsPerMinute = Math.Clamp(WordsPerMinute, 80, 450),
        Amplitude = Math.Clamp(Amplitude, 0, 200),
        WordGap = Math.Clamp(WordGap, 0, 100),
    };
}
