namespace MoviePipeline.Projects;

[GenerateSerializer, Alias("MoviePipeline.ProjectIdState")]
public sealed class ProjectIdState
{
    [Id(0)] public long Highest { get; set; }
}
