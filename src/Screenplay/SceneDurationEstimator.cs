namespace MoviePipeline.Screenplay;

/// <summary>
/// Estimates how long a scene plays on screen, from its words.
/// </summary>
/// <remarks>
/// The rule: action plays at <see cref="ActionWordsPerSecond"/> words a second (180 a minute), dialogue
/// at <see cref="DialogueWordsPerSecond"/> (150 a minute, an unhurried speaking pace), each speech adds a
/// <see cref="BeatPerSpeechSeconds"/>-second beat for the change of speaker, and a scene lasts at least
/// <see cref="MinimumSceneSeconds"/> seconds (an establishing shot). The total is rounded to whole seconds.
/// <para>
/// duration = max(3, actionWords / 3 + dialogueWords / 2.5 + 0.5 × speeches)
/// </para>
/// A typical screenplay page (about 120 words of action and 80 words of dialogue in 8 speeches) comes
/// to 40 + 32 + 4 = 76 seconds, in line with the industry's one-page-a-minute rule of thumb, while a
/// scene of a few lines of action stays short and a talky scene grows with its dialogue.
/// </remarks>
public static class SceneDurationEstimator
{
    public const double ActionWordsPerSecond = 3.0;
    public const double DialogueWordsPerSecond = 2.5;
    public const double BeatPerSpeechSeconds = 0.5;
    public const double MinimumSceneSeconds = 3.0;

    /// <summary>The scene's estimated duration in whole seconds, at least <see cref="MinimumSceneSeconds"/>.</summary>
    public static double Estimate(int actionWords, int dialogueWords, int speeches)
    {
        var seconds = (Math.Max(0, actionWords) / ActionWordsPerSecond)
            + (Math.Max(0, dialogueWords) / DialogueWordsPerSecond)
            + (Math.Max(0, speeches) * BeatPerSpeechSeconds);
        return Math.Max(MinimumSceneSeconds, Math.Round(seconds, MidpointRounding.AwayFromZero));
    }
}
