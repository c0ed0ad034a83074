namespace MoviePipeline.Screenplay;

/// <summary>
/// Reads what a character cue says beyond the name: who speaks (a joint cue "EDWARD AND WILL" is both of them,
/// "BOTH" the last two speakers) and where the voice comes from, by the cue's extension ((V.O.), (O.S.), (ON PHONE))
/// and by the name itself (a PRINTER speaks through a speaker, a VOICE is heard and not seen).
/// </summary>
internal static class CueReader
{
    // Extensions (upper-cased, dots and spaces removed) that put the voice off screen, over the scene, or through a device.
    private static readonly string[] VoiceOverMarks = ["VO", "VOICEOVER", "NARRATING", "NARRATION"];
    private static readonly string[] OffScreenMarks = ["OS", "OC", "OFF", "OFFSCREEN", "OFFCAMERA", "OUTOFSHOT", "PRELAP"];
    private static readonly string[] DeviceMarkParts = ["PHONE", "FILTERED", "INTERCOM", "RADIO", "SPEAKER", "TELEVISION", "RECORDING", "WALKIE", "MEGAPHONE"];
    private static readonly string[] DeviceMarks = ["TV", "ONTV", "PA", "TAPE", "VIDEO", "COMM", "SCREEN", "ONSCREEN", "FILTER", "HEADSET", "RECORDED"];

    /// <summary>Words of a cue name that make the speaker a thing: a device heard through its speaker, never drawn as a person.</summary>
    private static readonly HashSet<string> DeviceWords = new(StringComparer.Ordinal)
    {
        "PRINTER", "INTERCOM", "MACHINE", "RADIO", "TV", "TELEVISION", "COMPUTER", "PHONE", "TELEPHONE", "CELLPHONE",
        "SPEAKER", "LOUDSPEAKER", "SPEAKERPHONE", "P.A", "PA", "GPS", "ALARM", "VOICEMAIL", "ROBOT", "ANDROID", "AI", "TANNOY",
        "RECORDING", "TAPE", "SATNAV", "ELEVATOR", "CONSOLE", "TERMINAL", "SYSTEM", "MONITOR", "WALKIE",
        "ANSWERPHONE", "DEVICE", "CLOCK", "APP", "PLAYER",
    };

    /// <summary>Cue names that are heard and never seen: a disembodied voice, a narrator.</summary>
    private static readonly HashSet<string> VoiceWords = new(StringComparer.Ordinal) { "VOICE", "VOICES", "NARRATOR", "ANNOUNCER" };

    /// <summary>Cue names that stand for the speakers before them: "BOTH" is the last two who spoke.</summary>
    private static readonly HashSet<string> TogetherWords = new(StringComparer.Ordinal) { "BOTH", "TOGETHER", "IN UNISON", "ALL TWO" };

    /// <summary>Where a line's voice comes from: the extension first, then the name.</summary>
    public static LineSource SourceOf(string name, string? extension)
    {
        var marks = Marks(extension);
        if (marks.Any(m => DeviceMarks.Contains(m) || DeviceMarkParts.Any(m.Contains)))
        {
            return LineSource.Device;
        }

        var words = Words(name);
        if (words.Any(DeviceWords.Contains))
        {
            return LineSource.Device;
        }

        if (marks.Any(m => VoiceOverMarks.Contains(m)))
        {
            return LineSource.VoiceOver;
        }

        if (marks.Any(m => OffScreenMarks.Contains(m)))
        {
            return LineSource.OffScreen;
        }

        if (words.Contains("NARRATOR"))
        {
            return LineSource.VoiceOver;
        }

        return words.Any(VoiceWords.Contains) ? LineSource.OffScreen : LineSource.OnScreen;
    }

    /// <summary>True for a name that is a device or thing rather than a person (PRINTER, MESSAGE MACHINE).</summary>
    public static bool IsThing(string name) => Words(name).Any(DeviceWords.Contains);

    /// <summary>True for a name that is only ever heard: a VOICE, a NARRATOR, or a thing.</summary>
    public static bool IsNeverSeen(string name) => IsThing(name) || Words(name).Any(VoiceWords.Contains);

    public static bool IsTogether(string name) => TogetherWords.Contains(FountainText.ToPlain(name).ToUpperInvariant());

    /// <summary>
    /// The names in a joint cue: "EDWARD AND WILL" and "ANA & BEA" give two; anything else gives itself.
    /// Each part must be a name of its own (two letters or more).
    /// </summary>
    public static IReadOnlyList<string> Split(string name)
    {
        var plain = FountainText.ToPlain(name);
        foreach (var separator in new[] { " AND ", " & " })
        {
            var parts = plain.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts.All(p => p.Count(char.IsLetter) >= 2))
            {
                return parts;
            }
        }

        return [plain];
    }

    private static List<string> Marks(string? extension)
    {
        var marks = new List<string>();
        if (extension is null)
        {
            return marks;
        }

        foreach (var part in extension.Split(['(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var mark = new string([.. part.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
            if (mark.Length > 0)
            {
                marks.Add(mark);
            }
        }

        return marks;
    }

    private static List<string> Words(string name) =>
        [.. FountainText.ToPlain(name).ToUpperInvariant().Split([' ', '\'', '’', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', '#', ':'))];
}
