namespace MoviePipeline.Cluster.Tests;

/// <summary>Deadlines for waits: generous, because CI runs other test projects on the same 2 cores.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Phase = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan Completion = TimeSpan.FromSeconds(120);
}
