using MoviePipeline.TestSupport;

namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// Deadlines for waits: generous, because CI runs on a busy 2-core machine, and scaled by
/// <see cref="Deadlines.Scale"/>. A passing test never waits them out.
/// </summary>
internal static class Timeouts
{
    public static readonly TimeSpan Phase = Deadlines.Seconds(90);

    public static readonly TimeSpan Recovery = Deadlines.Seconds(120);

    public static readonly TimeSpan Completion = Deadlines.Seconds(180);
}
