namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.MovieStatus")]
/// <remarks>A final cut is recorded once it is made; the numbers are the stored format.</remarks>
public enum MovieStatus
{
    Completed = 2,
}
