namespace MoviePipeline.Screenplay;

/// <summary>
/// How long a scene plays: its speech, plus the time its action needs beyond that, bounded so that a film is not a
/// row of silent stills.
/// </summary>
/// <remarks>
/// Speech is estimated at <see cref="DialogueWordsPerSecond"/> words a second (150 a minute) with a
/// <see cref="BeatPerSpeechSeconds"/>-second beat per speech; the movie phase measures the real speech instead. Action
/// reads at <see cref="ActionWordsPerSecond"/> words a second, but it plays while people talk: a scene with speech
/// gets only the reading time its speech does not cover, between <see cref="MinimumActionSeconds"/> and
/// <see cref="MaximumActionSeconds"/>; a scene without speech lasts its reading time between
/// <see cref="MinimumSceneSeconds"/> and <see cref="MaximumSilentSceneSeconds"/>.
/// </remarks>
public static class SceneDurationEstimator
{
    public const double ActionWordsPerSecond = 3.0;
    public const double DialogueWordsPerSecond = 2.5;
    public const double BeatPerSpeechSeconds = 0.5;
    public const double MinimumSceneSeconds = 3.0;
    public const double MaximumSilentSceneSeconds = 8.0;
    public const double MinimumActionSeconds = 1.0;
    public const double MaximumActionSeconds = 3.0;

    /// <summary>The time a scene's action adds to its speech of <paramref name="speechSeconds"/> (0 for a scene without speech).</summary>
    public static double ActionSeconds(int actionWords, double speechSeconds)
    {
        var reading = Math.Max(0, actionWords) / ActionWordsPerSecond;
        return speechSeconds <= 0
            ? Math.Clamp(reading, MinimumSceneSeconds, MaximumSilentSceneSeconds)
            : Math.Clamp(reading - speechSeconds, MinimumActionSeconds, MaximumActionSeconds);
    }

    /// <summary>The scene's estimated duration in whole seconds, at least <see cref="MinimumSceneSeconds"/>.</summary>
    public static double Estimate(int actionWords, int dialogueWords, int speeches)
    {
        var speech = dialogueWords <= 0 ? 0 : (dialogueWords / DialogueWordsPerSecond) + (Math.Max(0, speeches) * BeatPerSpeechSeconds);
        return Math.Max(MinimumSceneSeconds, Math.Round(speech + ActionSeconds(actionWords, speech), MidpointRounding.AwayFromZero));
    }
}
