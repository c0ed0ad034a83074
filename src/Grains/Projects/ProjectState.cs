using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>The persisted definition of a project (grain state "project"): written when it is created and when it is edited.</summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string? Description { get; set; }
    [Id(2)] public string ScriptContent { get; set; } = "";
    [Id(3)] public long UserId { get; set; }
    [Id(4)] public DateTime CreatedAt { get; set; }

    /// <summary>1 when created, one more with every accepted edit; 0 in rows written before edits existed.</summary>
    [Id(5)] public int Revision { get; set; } = 1;

    /// <summary>When the definition was last changed; null in rows written before edits existed.</summary>
    [Id(6)] public DateTime? EditedAt { get; set; }

    public int CurrentRevision => Math.Max(1, Revision);

    public static ProjectState From(ProjectDraft draft, DateTime createdAt) => new()
    {
        Title = draft.Title,
        Description = draft.Description,
        ScriptContent = draft.ScriptContent,
        UserId = draft.UserId,
        CreatedAt = createdAt,
    };

    public ProjectSnapshot ToSnapshot(long id, string script, WorkflowStatus workflow) =>
        new(id, UserId, Title, Description, script, CreatedAt, workflow, CurrentRevision);

    /// <summary>The next revision: <paramref name="edit"/> applied to this definition, whose script is <paramref name="script"/>.</summary>
    public ProjectState Edited(ProjectEdit edit, string script, DateTime at) => new()
    {
        Title = edit.Title ?? Title,
        Description = edit.Description ?? Description,
        ScriptContent = edit.ScriptContent ?? script,
        UserId = UserId,
        CreatedAt = CreatedAt,
        Revision = CurrentRevision + 1,
        EditedAt = at,
    };

    public ProjectSummary ToSummary(long id, WorkflowStatus workflow) =>
        new(id, Title, Description, workflow.Status, workflow.Progress, CreatedAt, workflow.UpdatedAt);
}
