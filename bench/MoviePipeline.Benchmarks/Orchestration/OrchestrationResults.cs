namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>All orchestration runs of a session.</summary>
public sealed class OrchestrationResults(IReadOnlyList<OrchestrationRun> runs)
{
    public IReadOnlyList<OrchestrationRun> Runs { get; } = runs;

    /// <summary>Runs grouped by storage, way in and size: PostgreSQL first, then by variant and size.</summary>
    public IEnumerable<IGrouping<(string Store, string Driver, string Variant, int Projects), OrchestrationRun>> Groups =>
        Runs.GroupBy(r => (r.Store, r.Driver, r.Variant, r.Projects))
            .OrderBy(g => g.Key.Store == OrchestrationRun.Postgres ? 0 : 1).ThenBy(g => g.Key.Variant).ThenBy(g => g.Key.Projects);

    /// <summary>The median throughput through one way in, for one variant and size, on one storage; NaN when not run.</summary>
    public double WorkflowsPerSecond(string driver, string variant, int projects, string store = OrchestrationRun.Postgres) =>
        Reporting.Percentiles.Median(Runs.Where(r => r.Store == store && r.Driver == driver && r.Variant == variant && r.Projects == projects)
            .Select(r => r.WorkflowsPerSecond));

    /// <summary>The sizes run in one variant.</summary>
    public IEnumerable<int> Sizes(string variant, string store = OrchestrationRun.Postgres) =>
        Runs.Where(r => r.Store == store && r.Variant == variant).Select(r => r.Projects).Distinct().Order();

    /// <summary>The runs on PostgreSQL: the ones whose writes count.</summary>
    public IEnumerable<OrchestrationRun> Durable => Runs.Where(r => r.Store == OrchestrationRun.Postgres);

    /// <summary>The mean size of a completed workflow's state row (the "workflow" grain state), over every run.</summary>
    public double WorkflowStateBytes => Reporting.Percentiles.Median(Durable
        .Where(r => r.Storage.States.TryGetValue("workflow", out var s) && s.Rows > 0)
        .Select(r => r.Storage.States["workflow"].PayloadBytes / (double)r.Storage.States["workflow"].Rows));

    /// <summary>The median writes per workflow over the runs of one variant.</summary>
    public double WritesPerWorkflow(string variant) => Reporting.Percentiles.Median(Durable.Where(r => r.Variant == variant).Select(r => r.WritesPerWorkflow));
}
