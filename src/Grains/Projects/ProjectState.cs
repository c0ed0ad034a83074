namespace MoviePipeline.Projects;

/// <summary>The persisted definition of a project: written once, when it is created.</summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string? Description { get; set; }
    [Id(2)] public string ScriptContent { get; set; } = "";
    [Id(3)] public long UserId { get; set; }
    [Id(4)] public DateTime CreatedAt { get; set; }
}
