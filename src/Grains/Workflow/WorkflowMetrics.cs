using System.Diagnostics.Metrics;

namespace MoviePipeline.Workflow;

/// <summary>
/// The workflow's instruments on the <c>MoviePipeline</c> meter: how long phases take, how
/// often they are retried, and how many workflows are in each status. Static, because the
/// grain measures and the host (any OpenTelemetry listener) decides whether anyone collects.
/// </summary>
public static class WorkflowMetrics
{
    public const string MeterName = "MoviePipeline";

    private static readonly Meter Meter = new(MeterName, "1.0");

    // Phases take from well under a second (no media) to many minutes (long movies).
    private static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram(
        "moviepipeline.phase.duration", unit: "s",
        description: "How long one run of a phase took, by phase and outcome (completed or failed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.25, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });

    private static readonly Counter<long> PhaseRetries = Meter.CreateCounter<long>(
        "moviepipeline.phase.retries", unit: "{retry}",
        description: "Phase runs that failed and are tried again, by phase.");

    // Each activation adds itself under its status and moves as the status changes. The counts
    // live here and the instrument reports them whole at each collection, so a listener that
    // attaches late (dotnet-counters, a second exporter) sees every workflow, not just the moves
    // since it attached; the sum over the silos is the number of workflows in memory per status.
    private static readonly long[] WorkflowsByStatus = new long[Enum.GetValues<WorkflowStatusCode>().Max(s => (int)s) + 1];

    private static readonly ObservableUpDownCounter<long> Workflows = Meter.CreateObservableUpDownCounter(
        "moviepipeline.workflows",
        () => Enum.GetValues<WorkflowStatusCode>().Select(status => new Measurement<long>(
            Interlocked.Read(ref WorkflowsByStatus[(int)status]),
            new KeyValuePair<string, object?>("status", StatusNames.ToApi(status)))),
        unit: "{workflow}",
        description: "Workflows active in memory on this silo, by status.");

    /// <summary>The tag value of a phase: <c>script_to_trailer</c>, <c>trailer_to_storyboard</c>, <c>storyboard_to_movie</c>.</summary>
    public static string PhaseTag(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => "script_to_trailer",
        WorkflowPhase.TrailerToStoryboard => "trailer_to_storyboard",
        WorkflowPhase.StoryboardToMovie => "storyboard_to_movie",
        _ => phase.ToString().ToLowerInvariant(),
    };

    public static void PhaseRan(WorkflowPhase phase, bool succeeded, TimeSpan duration) =>
        PhaseDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("phase", PhaseTag(phase)),
            new KeyValuePair<string, object?>("outcome", succeeded ? "completed" : "failed"));

    public static void PhaseRetried(WorkflowPhase phase) =>
        PhaseRetries.Add(1, new KeyValuePair<string, object?>("phase", PhaseTag(phase)));

    /// <summary>Moves one workflow from status <paramref name="from"/> to <paramref name="to"/> (null: not counted); returns <paramref name="to"/>.</summary>
    public static WorkflowStatusCode? StatusChanged(WorkflowStatusCode? from, WorkflowStatusCode? to)
    {
        if (from == to) return to;
        if (from is { } old) Interlocked.Decrement(ref WorkflowsByStatus[(int)old]);
        if (to is { } now) Interlocked.Increment(ref WorkflowsByStatus[(int)now]);
        return to;
    }
}
