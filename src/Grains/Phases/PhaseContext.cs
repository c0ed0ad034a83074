using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>What a phase's work gets besides its inputs: the run it belongs to and a way to report progress.</summary>
public sealed class PhaseContext(PhaseRun run, Func<PhaseProgress, Task> report)
{
    public PhaseRun Run { get; } = run;

    public long ProjectId => Run.ProjectId;

    /// <summary>Reports <paramref name="fraction"/> (0 to 1) of the phase's own work done. Best effort: never throws.</summary>
    public async Task ReportAsync(double fraction, string message, bool assembling = false)
    {
        try
        {
            await report(new PhaseProgress(Run.RunId, fraction, message, assembling));
        }
        catch (Exception)
        {
            // Progress is advisory: a workflow that cannot be told now catches up at the phase's end.
        }
    }
}
