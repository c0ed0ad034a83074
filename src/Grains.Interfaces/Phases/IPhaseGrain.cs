using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>
/// What every phase grain (keyed by the project id) does for the workflow: run once per
/// <see cref="PhaseRun.RunId"/>, overwriting its own earlier outputs, and report progress.
/// </summary>
[Alias("MoviePipeline.IPhaseGrain")]
public interface IPhaseGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Runs the phase and answers when it ends. Phases may take up to an hour, so the call's
    /// timeout is far above the default; a silo that dies breaks the call at once instead.
    /// </summary>
    [Alias("Run"), ResponseTimeout("02:00:00")]
    Task<PhaseOutcome> RunAsync(PhaseRun run);
}
