namespace MoviePipeline.Screenplay;

/// <summary>
/// Picks the scenes a trailer is cut from.
/// </summary>
/// <remarks>
/// How many: k = clamp(⌈n / 4⌉, 3, 5) scenes out of n, or all of them when n ≤ 3.
/// <para>
/// Each scene i (0-based, at story position p = i / (n − 1), p = 0 when n = 1) gets a score:
/// </para>
/// <code>
/// score = (3·opening + 2·escalation + 2·dialogue + 3·climax + 1·intensity) × substance
/// opening    = 1 for the first scene, 0.5 for the second, else 0   (the hook)
/// escalation = p                                                  (stakes rise as the story goes on)
/// dialogue   = dialogue words / words                             (lines a trailer can quote)
/// climax     = max(0, 1 − |p − 0.8| / 0.3)                        (peaks at 80 % of the story)
/// intensity  = min(1, 10 × (exclamation marks + shouted words) / words)
/// substance  = min(1, words / 25)                                 (a bare heading is worth little)
/// </code>
/// The story is cut into k stretches of (nearly) equal numbers of scenes, and the best-scoring scene of
/// each stretch is picked (the earlier one on a tie), so the trailer covers the beginning, the
/// middle and the end, and comes out in story order.
/// </remarks>
public static class TrailerScenePicker
{
    public const int MinimumScenes = 3;
    public const int MaximumScenes = 5;

    /// <summary>The picked scene numbers, in story order. <paramref name="scenes"/> must be in story order.</summary>
    public static IReadOnlyList<int> Pick(IReadOnlyList<TrailerSceneSignals> scenes)
    {
        var n = scenes.Count;
        if (n <= MinimumScenes)
        {
            return scenes.Select(s => s.SceneNumber).ToArray();
        }

        var k = Math.Clamp((n + 3) / 4, MinimumScenes, MaximumScenes);
        var picked = new int[k];
        for (var stretch = 0; stretch < k; stretch++)
        {
            var from = (int)((long)stretch * n / k);
            var to = (int)((long)(stretch + 1) * n / k);
            var best = from;
            var bestScore = double.NegativeInfinity;
            for (var i = from; i < to; i++)
            {
                var score = Score(scenes[i], i, n);
                if (score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            picked[stretch] = scenes[best].SceneNumber;
        }

        return picked;
    }

    /// <summary>The score of the scene at <paramref name="index"/> (0-based) of <paramref name="count"/>; see the class remarks.</summary>
    public static double Score(TrailerSceneSignals scene, int index, int count)
    {
        var position = count > 1 ? (double)index / (count - 1) : 0;
        var opening = index switch { 0 => 1.0, 1 => 0.5, _ => 0.0 };
        var words = Math.Max(0, scene.Words);
        var dialogue = words > 0 ? Math.Clamp((double)scene.DialogueWords / words, 0, 1) : 0;
        var climax = Math.Max(0, 1 - (Math.Abs(position - 0.8) / 0.3));
        var intensity = words > 0 ? Math.Min(1, 10.0 * (scene.Exclamations + scene.ShoutedWords) / words) : 0;
        var substance = Math.Min(1, words / 25.0);
        return ((3 * opening) + (2 * position) + (2 * dialogue) + (3 * climax) + intensity) * substance;
    }
}
