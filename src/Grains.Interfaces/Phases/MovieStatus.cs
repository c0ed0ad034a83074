namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.MovieStatus")]
public enum MovieStatus
{
    Pending = 0,
    Assembling = 1,
    Completed = 2,
    Failed = 3,
}
