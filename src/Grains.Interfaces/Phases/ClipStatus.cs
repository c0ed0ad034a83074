namespace MoviePipeline.Phases;

[GenerateSerializer, Alias("MoviePipeline.ClipStatus")]
/// <remarks>A clip is recorded once it is made; the numbers are the stored format.</remarks>
public enum ClipStatus
{
    Completed = 2,
}
