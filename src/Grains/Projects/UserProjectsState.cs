namespace MoviePipeline.Projects;

/// <summary>The ids of one user's projects (grain state "projects").</summary>
[GenerateSerializer, Alias("MoviePipeline.UserProjectsState")]
public sealed class UserProjectsState
{
    [Id(0)] public List<long> Ids { get; set; } = [];
}
