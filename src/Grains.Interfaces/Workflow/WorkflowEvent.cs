namespace MoviePipeline.Workflow;

/// <summary>One recorded change of a workflow: a transition or a progress step.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.WorkflowEvent")]
public sealed record WorkflowEvent(
    long Version,
    DateTime At,
    WorkflowStatusCode Status,
    int Progress,
    WorkflowPhase? Phase,
    string Message,
    // The project revision the change belongs to.
    int Revision = 1);
