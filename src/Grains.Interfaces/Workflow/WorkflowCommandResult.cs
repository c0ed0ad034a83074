namespace MoviePipeline.Workflow;

/// <summary>The answer to start, pause or resume: the outcome, a sentence for people, and the status after it.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.WorkflowCommandResult")]
public sealed record WorkflowCommandResult(CommandOutcome Outcome, string Message, WorkflowStatus? Status);
