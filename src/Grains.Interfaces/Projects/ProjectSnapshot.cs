using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>A project as created, with its workflow status now.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ProjectSnapshot")]
public sealed record ProjectSnapshot(
    long Id,
    long UserId,
    string Title,
    string? Description,
    string ScriptContent,
    DateTime CreatedAt,
    WorkflowStatus Workflow,
    int Revision = 1);
