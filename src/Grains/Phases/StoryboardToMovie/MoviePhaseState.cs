namespace MoviePipeline.Phases.StoryboardToMovie;

[GenerateSerializer, Alias("MoviePipeline.MoviePhaseState")]
public sealed class MoviePhaseState
{
    [Id(0)] public MovieOutput? Output { get; set; }
}
