namespace MoviePipeline.Screenplay;

/// <summary>What phase 1 understood of a script: its scenes, characters, settings and the trailer's scenes.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ScriptAnalysis")]
public sealed record ScriptAnalysis(
    string Title,
    IReadOnlyList<AnalyzedScene> Scenes,
    IReadOnlyList<AnalyzedCharacter> Characters,
    IReadOnlyList<AnalyzedSetting> Settings,
    IReadOnlyList<int> TrailerSceneNumbers);

/// <summary>One scene, numbered from 1 in story order.</summary>
/// <param name="Setting">The name of the scene's place (<see cref="AnalyzedSetting.Name"/>).</param>
/// <param name="Characters">Who takes part: those on screen, then those only heard.</param>
/// <param name="Presence">Who is on screen, who is only heard and who is only mentioned; null in analyses made before it was read.</param>
/// <param name="InteriorExterior"><c>INT</c>, <c>EXT</c>, <c>INT/EXT</c> or empty: this scene's, where its place may be seen both ways.</param>
/// <param name="TimeOfDay">This scene's time of day, carried over from the scene before when its heading names none.</param>
/// <param name="TitleCard">The text of a title card (<c>.OPENING TITLES</c>, centered text); null for a scene that is not one.</param>
/// <param name="Narration">What a narrator reads over the scene (a story told in prose); null when nobody narrates.</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedScene")]
public sealed record AnalyzedScene(
    int Number,
    string Title,
    string Description,
    string Setting,
    IReadOnlyList<string> Characters,
    IReadOnlyList<DialogueLine> Dialogue,
    double DurationSeconds,
    ScenePresence? Presence = null,
    string InteriorExterior = "",
    string TimeOfDay = "",
    string? TitleCard = null,
    string? Narration = null)
{
    /// <summary>Who is seen in the scene: <see cref="ScenePresence.Present"/>, or every character for older analyses.</summary>
    public IReadOnlyList<string> OnScreen => Presence?.Present ?? Characters;
}

/// <summary>Who a scene holds, by how they are in it.</summary>
/// <param name="Present">On screen: drawn in the frame.</param>
/// <param name="HeardOnly">Heard but not seen: a voice-over, a voice off screen, on the phone, over an intercom; devices.</param>
/// <param name="Mentioned">Named in the action without being there ("a photo of Sarah").</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ScenePresence")]
public sealed record ScenePresence(IReadOnlyList<string> Present, IReadOnlyList<string> HeardOnly, IReadOnlyList<string> Mentioned);

/// <summary>One spoken line: <c>NAME: (parenthetical) text</c>.</summary>
/// <param name="Character">The cue as the script names it; for a joint cue ("EDWARD AND WILL") the joint name.</param>
/// <param name="Speakers">The characters who say it (both of a joint cue); null when it is <paramref name="Character"/> alone.</param>
/// <param name="Source">Where the voice comes from: on screen, off it, a voice-over, or through a device.</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.DialogueLine")]
public sealed record DialogueLine(
    string Character,
    string? Parenthetical,
    string Text,
    IReadOnlyList<string>? Speakers = null,
    LineSource Source = LineSource.OnScreen)
{
    /// <summary>Whose voice says the line: the first of its speakers.</summary>
    public string Voice => Speakers is { Count: > 0 } s ? s[0] : Character;

    public override string ToString() =>
        Parenthetical is { Length: > 0 } p ? $"{Character}: ({p}) {Text}" : $"{Character}: {Text}";
}

/// <summary>Where a line's voice comes from, read from the cue's extension.</summary>
public enum LineSource
{
    /// <summary>The speaker is in the scene, seen.</summary>
    OnScreen,

    /// <summary>(O.S.), (O.C.), (OFF): in the scene's place, out of sight.</summary>
    OffScreen,

    /// <summary>(V.O.), a narrator: over the scene, not in it.</summary>
    VoiceOver,

    /// <summary>On the phone, over an intercom, a radio, a recording, or a device speaking: heard through a speaker.</summary>
    Device,
}

/// <param name="Traits">Person or thing, gender and age as the script says or implies them; null in analyses made before they were read.</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedCharacter")]
public sealed record AnalyzedCharacter(string Name, string Description, string VisualDescription, int LineCount, CharacterTraits? Traits = null);

/// <summary>What the script says or implies about who a character is.</summary>
/// <param name="Kind">A person, or a thing that speaks (a printer, an intercom, a message machine).</param>
/// <param name="Gender">From pronouns, titles, relations and the name; <see cref="Gender.Unknown"/> when nothing says.</param>
/// <param name="Age">Approximate age in years ("(30s)" is 35, "a 7-year-old" is 7); null when nothing says.</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.CharacterTraits")]
public sealed record CharacterTraits(CharacterKind Kind, Gender Gender, int? Age)
{
    public static readonly CharacterTraits Unknown = new(CharacterKind.Person, Gender.Unknown, null);

    public bool IsChild => Age is < 13;

    public bool IsTeen => Age is >= 13 and < 18;

    public bool IsElder => Age is >= 62;
}

public enum CharacterKind
{
    Person,

    /// <summary>A device or thing that speaks: heard, never drawn as a person.</summary>
    Thing,
}

public enum Gender
{
    Unknown,
    Female,
    Male,
}

/// <summary>A place the story happens: one per location, whatever the time of day or side of the door it is seen from.</summary>
/// <param name="Name">The place as the scenes name it, e.g. <c>KITCHEN</c> (the heading without INT/EXT and time of day).</param>
/// <param name="InteriorExterior"><c>INT</c>, <c>EXT</c>, or <c>INT/EXT</c> when it is seen both ways.</param>
/// <param name="TimeOfDay">The times of day it is seen at, in story order, joined by ", " (e.g. <c>NIGHT, DAY</c>).</param>
/// <param name="SceneCount">How many scenes happen there.</param>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AnalyzedSetting")]
public sealed record AnalyzedSetting(
    string Name,
    string Location,
    string InteriorExterior,
    string TimeOfDay,
    string Description,
    string VisualDescription,
    int SceneCount = 0);
