namespace MoviePipeline.Workflow;

/// <summary>
/// The fixed shape of the pipeline: which status a phase shows while it runs and once it is
/// done, and the band of overall progress it moves through (docs/api.md, "Status and progress").
/// </summary>
public static class PhasePlan
{
    public const int PhaseCount = 3;

    public static WorkflowPhase PhaseAt(int number) => (WorkflowPhase)number;

    public static (int Start, int End) Band(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => (0, 33),
        WorkflowPhase.TrailerToStoryboard => (33, 66),
        _ => (66, 100),
    };

    public static WorkflowStatusCode RunningStatus(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => WorkflowStatusCode.Parsing,
        WorkflowPhase.TrailerToStoryboard => WorkflowStatusCode.GeneratingStoryboard,
        _ => WorkflowStatusCode.GeneratingVideos,
    };

    public static WorkflowStatusCode DoneStatus(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => WorkflowStatusCode.Parsed,
        WorkflowPhase.TrailerToStoryboard => WorkflowStatusCode.GeneratingStoryboard,
        _ => WorkflowStatusCode.Completed,
    };

    public static string DisplayName(WorkflowPhase phase) => phase switch
    {
        WorkflowPhase.ScriptToTrailer => "Script to Trailer",
        WorkflowPhase.TrailerToStoryboard => "Trailer to Storyboard",
        _ => "Storyboard to Movie",
    };

    /// <summary>Overall progress for a phase that reports <paramref name="fraction"/> of its own work done.</summary>
    public static int ProgressWithin(WorkflowPhase phase, double fraction)
    {
        var (start, end) = Band(phase);
        var f = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        // A phase reaches its band's end only when it completes, never from a progress report.
        return Math.Min(end - 1, start + (int)Math.Floor(f * (end - start)));
    }
}
