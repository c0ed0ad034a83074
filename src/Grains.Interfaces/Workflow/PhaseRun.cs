namespace MoviePipeline.Workflow;

/// <summary>
/// One run of a phase. <see cref="RunId"/> names it: a call with the same id joins the run in
/// flight or returns its outcome, so a workflow that lost track of a run (its silo died) never
/// starts the same work twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseRun")]
public sealed record PhaseRun(long ProjectId, WorkflowPhase Phase, string RunId, int Attempt);
