namespace MoviePipeline.Workflow;

/// <summary>
/// A phase's report of how far it got, as a fraction of its own work (0 to 1).
/// <see cref="Assembling"/> tells the workflow that phase 3 moved from clips to the final cut.
/// </summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.PhaseProgress")]
public sealed record PhaseProgress(string RunId, double Fraction, string Message, bool Assembling = false);
