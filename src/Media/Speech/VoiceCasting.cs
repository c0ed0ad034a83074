namespace MoviePipeline.Media.Speech;

/// <summary>
/// Picks each character's voice from a stable hash of the name. Within a cast, voices are kept apart: distinct
/// variants for up to 13 characters, distinct (variant, pitch) pairs for up to 117; language and speed come from the hash.
/// </summary>
public static class VoiceCasting
{
    private static readonly string[] Variants = ["m1", "f1", "m2", "f2", "m3", "f3", "m4", "f4", "m5", "f5", "m6", "m7", "m8"];
    private static readonly string[] Languages = ["en-us", "en-gb", "en-gb-x-rp"];
    private static readonly int[] Pitches = [30, 35, 40, 45, 50, 55, 60, 65, 70];
    private static readonly int[] Speeds = [150, 160, 170, 180, 190];

    /// <summary>The voice of <paramref name="character"/>; pass the project's whole cast so that nobody shares a voice.</summary>
    public static SpeechVoice For(string character, IReadOnlyCollection<string>? cast = null)
    {
        ArgumentNullException.ThrowIfNull(character);
        var hash = StableHash.Of(character, "voice");
        int variant, pitch;
        if ((cast?.Count ?? 0) <= Variants.Length)
        {
            variant = CastAssignment.SlotOf(character, cast, Variants.Length, "voice-variant");
            pitch = (int)(hash % (ulong)Pitches.Length);
        }
        else
        {
            var slot = CastAssignment.SlotOf(character, cast, Variants.Length * Pitches.Length, "voice-variant-pitch");
            variant = slot % Variants.Length;
            pitch = slot / Variants.Length;
        }

        return new SpeechVoice(
            Languages[(int)((hash >> 16) % (ulong)Languages.Length)],
            Variants[variant],
            Pitches[pitch],
            Speeds[(int)((hash >> 32) % (ulong)Speeds.Length)],
            100,
            0);
    }
}
