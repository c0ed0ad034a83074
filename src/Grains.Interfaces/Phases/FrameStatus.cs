namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.FrameStatus")]
public enum FrameStatus
{
    Pending = 0,
    Completed = 1,
    Failed = 2,
}
