namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.FrameStatus")]
/// <remarks>A frame is recorded once it is made or given up; the numbers are the stored format.</remarks>
public enum FrameStatus
{
    Completed = 1,
    Failed = 2,
}
