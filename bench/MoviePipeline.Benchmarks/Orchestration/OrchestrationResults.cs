namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>All orchestration runs of a session.</summary>
public sealed class OrchestrationResults(IReadOnlyList<OrchestrationRun> runs)
{
    public IReadOnlyList<OrchestrationRun> Runs { get; } = runs;

    /// <summary>Runs grouped by way in and size, in the order they first ran.</summary>
    public IEnumerable<IGrouping<(string Driver, int Projects), OrchestrationRun>> Groups =>
        Runs.GroupBy(r => (r.Driver, r.Projects)).OrderBy(g => g.Key.Projects);

    /// <summary>The median throughput through one way in, at the given size (default: the largest).</summary>
    public double WorkflowsPerSecond(string driver, int? projects = null)
    {
        var size = projects ?? Runs.Max(r => r.Projects);
        return Reporting.Percentiles.Median(Runs.Where(r => r.Driver == driver && r.Projects == size).Select(r => r.WorkflowsPerSecond));
    }

    /// <summary>The mean size of a completed workflow's state row (the "workflow" grain state), over every run.</summary>
    public double WorkflowStateBytes => Reporting.Percentiles.Median(Runs
        .Where(r => r.Storage.States.TryGetValue("workflow", out var s) && s.Rows > 0)
        .Select(r => r.Storage.States["workflow"].PayloadBytes / (double)r.Storage.States["workflow"].Rows));

    /// <summary>The median writes per workflow over every run.</summary>
    public double WritesPerWorkflow => Reporting.Percentiles.Median(Runs.Select(r => r.WritesPerWorkflow));
}
