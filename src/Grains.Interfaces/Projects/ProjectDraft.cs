namespace MoviePipeline.Projects;

/// <summary>What a user gives to create a project.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ProjectDraft")]
public sealed record ProjectDraft(string Title, string? Description, string ScriptContent, long UserId);
