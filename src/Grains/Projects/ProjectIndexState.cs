namespace MoviePipeline.Projects;

[GenerateSerializer, Alias("MoviePipeline.ProjectIndexState")]
public sealed class ProjectIndexState
{
    [Id(0)] public List<long> Ids { get; set; } = [];
}
