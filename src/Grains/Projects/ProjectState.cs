using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>The persisted definition of a project (grain state "project"): written once, when it is created.</summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string? Description { get; set; }
    [Id(2)] public string ScriptContent { get; set; } = "";
    [Id(3)] public long UserId { get; set; }
    [Id(4)] public DateTime CreatedAt { get; set; }

    public static ProjectState From(ProjectDraft draft, DateTime createdAt) => new()
    {
        Title = draft.Title,
        Description = draft.Description,
        ScriptContent = draft.ScriptContent,
        UserId = draft.UserId,
        CreatedAt = createdAt,
    };

    public ProjectSnapshot ToSnapshot(long id, string script, WorkflowStatus workflow) =>
        new(id, UserId, Title, Description, script, CreatedAt, workflow);

    public ProjectSummary ToSummary(long id, WorkflowStatus workflow) =>
        new(id, Title, Description, workflow.Status, workflow.Progress, CreatedAt, workflow.UpdatedAt);
}
