using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Storyboard;

/// <summary>What a storyboard frame shows: one scene, its setting and its characters.</summary>
/// <param name="Scene">The scene; its <see cref="AnalyzedScene.Characters"/> are drawn in that order.</param>
/// <param name="Setting">The analyzed setting, or null to read interior/exterior and light from the heading.</param>
/// <param name="Characters">The analyzed characters of the scene (their descriptions go into the prompt).</param>
public sealed record FrameRequest(AnalyzedScene Scene, AnalyzedSetting? Setting, IReadOnlyList<AnalyzedCharacter> Characters)
{
    /// <summary>The attempt of a scene's first frame, its draft (phase 1); phase 2 re-renders a poor one with the next.</summary>
    public const int DraftAttempt = 1;

    /// <summary><see cref="DraftAttempt"/> for the draft; 2 and more ask for a more detailed frame (phase 2's re-render).</summary>
    public int Attempt { get; init; } = DraftAttempt;

    /// <summary>Every character name of the project: keeps each character's look distinct from the others'.</summary>
    public IReadOnlyList<string>? Cast { get; init; }

    /// <summary>
    /// How many earlier scenes of the script look the same (heading, place, action and characters): 0 for most. A frame
    /// is drawn from what its scene shows, not from where the scene stands, so scenes that show the same need this to
    /// get frames of their own.
    /// </summary>
    public int Variant { get; init; }

    /// <summary>The request for <paramref name="scene"/> of <paramref name="analysis"/>, with its setting, characters and cast.</summary>
    public static FrameRequest For(ScriptAnalysis analysis, AnalyzedScene scene, int attempt = DraftAttempt)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var setting = analysis.Settings.FirstOrDefault(s => string.Equals(s.Name, scene.Setting, StringComparison.OrdinalIgnoreCase));
        var characters = scene.Characters
            .Select(name => analysis.Characters.FirstOrDefault(c => StableHash.Normalize(c.Name) == StableHash.Normalize(name))
                            ?? new AnalyzedCharacter(name, "", "", 0))
            .ToList();
        return new FrameRequest(scene, setting, characters)
        {
            Attempt = attempt,
            Cast = [.. analysis.Characters.Select(c => c.Name)],
            Variant = analysis.Scenes.Count(s => s.Number < scene.Number && LooksAlike(s, scene)),
        };
    }

    private static bool LooksAlike(AnalyzedScene a, AnalyzedScene b) =>
        a.Title == b.Title && a.Setting == b.Setting && a.Description == b.Description && a.Characters.SequenceEqual(b.Characters);
}
