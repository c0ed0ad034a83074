using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>Phase 1 (keyed by the project id): understands the script, drafts a frame per scene and cuts the trailer.</summary>
/// <remarks>
/// Every phase grain runs once per <see cref="PhaseRun.RunId"/>: a second call with the same id joins the run in flight
/// (its stream starts at the latest report) or gets its outcome, so a workflow that lost track of a run never starts the
/// same work twice. A run overwrites the phase's earlier outputs. The stream ends with the outcome; while nothing
/// happens Orleans keeps the call alive with heartbeats, and a silo that dies breaks it at once.
/// </remarks>
[Alias("MoviePipeline.IScriptToTrailerGrain")]
public interface IScriptToTrailerGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the phase on the project as the workflow hands it over.</summary>
    [Alias("Run")]
    IAsyncEnumerable<PhaseUpdate> RunAsync(PhaseRun run, ProjectSnapshot project);

    /// <summary>The phase's output, or null before it first completed.</summary>
    [Alias("GetOutput")]
    Task<TrailerOutput?> GetOutputAsync();
}
