namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.ClipStatus")]
public enum ClipStatus
{
    Pending = 0,
    Generating = 1,
    Completed = 2,
    Failed = 3,
}
