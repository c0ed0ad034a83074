using System.Globalization;

namespace MoviePipeline.TestSupport;

/// <summary>
/// How long tests and benchmark smoke runs wait for something that should happen. Every deadline
/// is a generous base figure times one setting, the environment variable
/// <c>MOVIEPIPELINE_DEADLINE_SCALE</c> (default 1), so a machine slower than a busy 2-core CI box
/// turns one knob instead of editing tests. A deadline only bounds a wait on a condition: a test
/// that passes returns as soon as the condition holds, whatever the scale.
/// </summary>
/// <remarks>Compiled into the test projects that do not reference TestSupport as a link, so there is one copy.</remarks>
public static class Deadlines
{
    public const string Variable = "MOVIEPIPELINE_DEADLINE_SCALE";

    /// <summary>The multiplier: at least 1, so a setting can only make waits longer.</summary>
    public static double Scale { get; } = ReadScale();

    /// <summary><paramref name="baseline"/> times <see cref="Scale"/>.</summary>
    public static TimeSpan Of(TimeSpan baseline) => baseline * Scale;

    public static TimeSpan Seconds(double seconds) => Of(TimeSpan.FromSeconds(seconds));

    /// <summary>For APIs that take milliseconds (Playwright).</summary>
    public static float Milliseconds(double seconds) => (float)Seconds(seconds).TotalMilliseconds;

    private static double ReadScale()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale >= 1 && scale <= 100)
        {
            return scale;
        }

        throw new InvalidOperationException($"{Variable} must be a number from 1 to 100 (it is '{text}').");
    }
}
