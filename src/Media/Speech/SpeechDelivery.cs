namespace MoviePipeline.Media.Speech;

/// <summary>
/// Shapes a voice by the line's parenthetical, as far as espeak-ng allows: (whispering) switches to the whisper
/// variant, (shouting) and (angrily) speak louder, faster and higher, (quietly) softer and slower, and so on.
/// Unknown parentheticals leave the voice as it is.
/// </summary>
public static class SpeechDelivery
{
    /// <summary>The voice for a line said with <paramref name="parenthetical"/> (with or without its brackets).</summary>
    public static SpeechVoice Apply(SpeechVoice voice, string? parenthetical)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var p = (parenthetical ?? "").Trim().Trim('(', ')').ToUpperInvariant();
        if (p.Length == 0)
            return voice;

        var shaped = voice;
        if (Has(p, "WHISPER"))
            shaped = shaped with { Variant = voice.Variant.StartsWith('f') ? "whisperf" : "whisper", Amplitude = 140, WordsPerMinute = voice.WordsPerMinute - 15 };
        else if (Has(p, "SHOUT", "YELL", "SCREAM", "CALLING", "LOUD"))
            shaped = shaped with { Amplitude = 185, WordsPerMinute = voice.WordsPerMinute + 15, Pitch = voice.Pitch + 12 };
        else if (Has(p, "ANGR", "FURIOUS", "SNAP", "BARK"))
            shaped = shaped with { Amplitude = 165, WordsPerMinute = voice.WordsPerMinute + 25, Pitch = voice.Pitch - 6 };
        else if (Has(p, "QUIET", "SOFT", "GENTL", "MURMUR", "MUTTER", "UNDER HIS BREATH", "UNDER HER BREATH"))
            shaped = shaped with { Amplitude = 55, WordsPerMinute = voice.WordsPerMinute - 15 };
        else if (Has(p, "SAD", "TEARFUL", "CRYING", "SOB", "WEARY", "TIRED"))
            shaped = shaped with { Amplitude = 80, WordsPerMinute = voice.WordsPerMinute - 30, Pitch = voice.Pitch - 10, WordGap = 4 };
        else if (Has(p, "EXCITED", "HAPPY", "CHEERFUL", "LAUGH", "EAGER"))
            shaped = shaped with { Amplitude = 130, WordsPerMinute = voice.WordsPerMinute + 25, Pitch = voice.Pitch + 15 };
        else if (Has(p, "NERVOUS", "SCARED", "AFRAID", "PANIC", "URGENT", "HURRIED", "QUICK", "FAST"))
            shaped = shaped with { WordsPerMinute = voice.WordsPerMinute + 40, Pitch = voice.Pitch + 6 };
        else if (Has(p, "SLOW", "HESITANT", "PAUSE", "DRUNK"))
            shaped = shaped with { WordsPerMinute = voice.WordsPerMinute - 40, WordGap = 8 };
        else if (Has(p, "COLD", "FLAT", "DEADPAN", "STERN"))
            shaped = shaped with { Pitch = voice.Pitch - 8, WordsPerMinute = voice.WordsPerMinute - 10 };

        return shaped.Clamped();
    }

    private static bool Has(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
