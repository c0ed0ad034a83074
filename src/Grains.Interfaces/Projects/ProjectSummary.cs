using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>A project without its script: what a list of projects shows.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ProjectSummary")]
public sealed record ProjectSummary(
    long Id,
    string Title,
    string? Description,
    WorkflowStatusCode Status,
    int Progress,
    DateTime CreatedAt,
    DateTime UpdatedAt);
