namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// What a kill -9 cost, measured from the kill: when the other silos declared the victim dead
/// (Status 6 in the membership table) and when the watched workflow wrote its state again
/// (its row's version went past <see cref="WorkflowVersionAtKill"/>).
/// </summary>
public sealed record CrashRecovery(LocalSilo Victim, int? WorkflowVersionAtKill, TimeSpan DeclaredDead, TimeSpan Resumed);
