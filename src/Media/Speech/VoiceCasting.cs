using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Speech;

/// <summary>
/// Casts a voice for every character: an espeak-ng variant, pitch and speed that fit the gender and age the script
/// gives them (women female variants, men male ones, children a child's voice, the old slower and lower), a robot
/// variant through a filter for things, and voices kept apart between characters who share a scene. Unknown genders
/// take a pool by the name's hash. The choice depends only on the cast and who meets whom, never on order of calls.
/// </summary>
public static class VoiceCasting
{
    /// <summary>The speaker of narration lines.</summary>
    public const string NarratorName = "NARRATOR";

    /// <summary>A voice heard through a phone or speaker: the telephone band.</summary>
    public const string TelephoneEffect = "highpass=f=300,lowpass=f=3400";

    /// <summary>A thing speaking: the telephone band and a phaser.</summary>
    public const string MachineEffect = "highpass=f=250,lowpass=f=3800,aphaser=type=t:speed=2";

    /// <summary>Who reads the narration of a story told in prose.</summary>
    public static readonly SpeechVoice Narrator = new("en-gb-x-rp", "m2", 40, 155, 100, 0);

    private static readonly string[] Languages = ["en-us", "en-gb", "en-gb-x-rp"];

    private sealed record Pool(string[] Variants, int[] Pitches, int Speed);

    private static readonly Pool Women = new(["f1", "f2", "f3", "f4", "f5", "Alicia", "Annie", "belinda", "linda", "steph"], [45, 55, 65], 165);
    private static readonly Pool Men = new(["m1", "m2", "m3", "m4", "m6", "m7", "m8", "Andy", "Lee", "travis", "victor", "sandro"], [35, 45, 55], 165);
    private static readonly Pool Girls = new(["f2", "f4", "steph", "linda"], [68, 78], 170);
    private static readonly Pool Boys = new(["m3", "m6", "Andy", "Lee"], [65, 75], 170);
    private static readonly Pool Children = new(["zac", "f5", "Andrea", "anika"], [55, 70, 85], 175);
    private static readonly Pool OldWomen = new(["grandma", "f1", "f4", "aunty"], [35, 45], 140);
    private static readonly Pool OldMen = new(["grandpa", "m1", "m4", "m8"], [25, 35], 140);
    private static readonly Pool Things = new(["UniRobot", "robosoft", "robosoft3"], [40, 55], 165);

    // The voices of the fallback, for a name known by nothing but itself.
    private static readonly string[] Variants = ["m1", "f1", "m2", "f2", "m3", "f3", "m4", "f4", "m5", "f5", "m6", "m7", "m8"];
    private static readonly int[] Pitches = [30, 35, 40, 45, 50, 55, 60, 65, 70];
    private static readonly int[] Speeds = [150, 160, 170, 180, 190];

    /// <summary>
    /// The voices of a script's cast. Characters are cast in name order; each takes, in its pool, the first (variant,
    /// pitch) after its name's own that no character it shares a scene with has, so two voices of one scene differ
    /// while the pool lasts. Name order, not lines spoken: an edit that gives someone more lines moves nobody's voice,
    /// so a re-run remakes only the scenes that changed.
    /// </summary>
    public static VoiceCast Cast(IReadOnlyList<AnalyzedCharacter> characters, IReadOnlyList<AnalyzedScene> scenes)
    {
        ArgumentNullException.ThrowIfNull(characters);
        ArgumentNullException.ThrowIfNull(scenes);
        var names = characters.Select(c => StableHash.Normalize(c.Name)).ToList();
        var meets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var name in names)
            meets[name] = [];
        foreach (var scene in scenes)
        {
            var together = scene.Characters.Select(StableHash.Normalize).Where(meets.ContainsKey).Distinct().ToList();
            foreach (var a in together)
                meets[a].UnionWith(together.Where(b => b != a));
        }

        var voices = new Dictionary<string, SpeechVoice>(StringComparer.Ordinal);
        foreach (var character in characters.OrderBy(c => StableHash.Normalize(c.Name), StringComparer.Ordinal))
        {
            var name = StableHash.Normalize(character.Name);
            if (voices.ContainsKey(name))
                continue;
            var pool = PoolOf(character.Traits ?? CharacterTraits.Unknown, name);
            var slots = pool.Variants.Length * pool.Pitches.Length;
            var first = (int)(StableHash.Of(name, "voice-slot") % (ulong)slots);
            var taken = meets[name].Where(voices.ContainsKey).Select(n => voices[n]).ToHashSet();
            var chosen = Voice(pool, first, name);
            for (var step = 0; step < slots; step++)
            {
                var candidate = Voice(pool, (first + step) % slots, name);
                if (!taken.Any(t => t.Variant == candidate.Variant && t.Pitch == candidate.Pitch))
                {
                    chosen = candidate;
                    break;
                }
            }

            voices[name] = chosen;
        }

        return new VoiceCast(voices, [.. characters.Select(c => c.Name)]);
    }

    private static Pool PoolOf(CharacterTraits traits, string name)
    {
        if (traits.Kind == CharacterKind.Thing)
            return Things;
        var gender = traits.Gender != Gender.Unknown ? traits.Gender
            : StableHash.Of(name, "voice-gender") % 2 == 0 ? Gender.Male : Gender.Female;
        return (gender, traits) switch
        {
            (_, { IsChild: true }) => Children,
            (Gender.Female, { IsTeen: true }) => Girls,
            (_, { IsTeen: true }) => Boys,
            (Gender.Female, { IsElder: true }) => OldWomen,
            (_, { IsElder: true }) => OldMen,
            (Gender.Female, _) => Women,
            _ => Men,
        };
    }

    private static SpeechVoice Voice(Pool pool, int slot, string name)
    {
        var hash = StableHash.Of(name, "voice");
        return new SpeechVoice(
            Languages[(int)((hash >> 16) % (ulong)Languages.Length)],
            pool.Variants[slot % pool.Variants.Length],
            pool.Pitches[slot / pool.Variants.Length],
            pool.Speed + (int)((hash >> 32) % 3 * 10) - 10,
            100,
            0)
        { Effect = pool == Things ? MachineEffect : null };
    }

    /// <summary>
    /// The voice of a name known by nothing but itself (a line outside any analysis): from its stable hash, kept apart
    /// within <paramref name="cast"/>: distinct variants for up to 13 characters, distinct (variant, pitch) pairs for up to 117.
    /// </summary>
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
