using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Speech;

/// <summary>
/// The voices of a whole script, chosen once from its cast (<see cref="VoiceCasting.Cast"/>): what the phases hand
/// down to the speech of each line.
/// </summary>
public sealed class VoiceCast
{
    private readonly IReadOnlyDictionary<string, SpeechVoice> _voices;

    internal VoiceCast(IReadOnlyDictionary<string, SpeechVoice> voices, IReadOnlyList<string> names)
    {
        _voices = voices;
        Names = names;
    }

    /// <summary>No characters: every line falls back to <see cref="VoiceCasting.For"/>.</summary>
    public static VoiceCast Empty { get; } = new(new Dictionary<string, SpeechVoice>(), []);

    /// <summary>The characters' names, for the fallback that keeps unknown voices apart.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The voice of <paramref name="character"/>, or the fallback from its name for a character outside the cast.</summary>
    public SpeechVoice For(string character) =>
        _voices.TryGetValue(StableHash.Normalize(character), out var voice) ? voice : VoiceCasting.For(character, Names.Count > 0 ? Names : null);

    /// <summary>The voice a line is said in: its speaker's, heard through a speaker when the line comes through a device.</summary>
    public SpeechVoice For(DialogueLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Character == VoiceCasting.NarratorName && line.Source == LineSource.VoiceOver)
            return VoiceCasting.Narrator;
        var voice = For(line.Voice);
        return line.Source == LineSource.Device && voice.Effect is null ? voice with { Effect = VoiceCasting.TelephoneEffect } : voice;
    }
}
