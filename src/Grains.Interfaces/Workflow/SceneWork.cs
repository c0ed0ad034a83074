namespace MoviePipeline.Workflow;

/// <summary>
/// Of a phase run's scenes, how many had their work made by this run and how many found it made by an earlier run
/// from the same inputs (a re-run makes only what changed).
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.SceneWork")]
public sealed record SceneWork(int Made, int Reused)
{
    /// <summary>"3 made, 9 reused".</summary>
    public override string ToString() => $"{Made} made, {Reused} reused";
}

/// <summary>What a phase run that succeeded says of itself: a line for people, and its scenes' work when it has any.</summary>
public sealed record PhaseSummary(string Message, SceneWork? Work = null);
