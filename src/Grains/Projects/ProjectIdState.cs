namespace MoviePipeline.Projects;

/// <summary>The high-water mark of an id allocator (projects' and users'; the name stays, stored rows carry it).</summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectIdState")]
public sealed class ProjectIdState
{
    [Id(0)] public long Highest { get; set; }
}
