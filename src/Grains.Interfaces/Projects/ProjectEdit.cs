namespace MoviePipeline.Projects;

/// <summary>A change to a project's definition: the fields given replace the stored ones; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ProjectEdit")]
public sealed record ProjectEdit(string? Title, string? Description, string? ScriptContent);
