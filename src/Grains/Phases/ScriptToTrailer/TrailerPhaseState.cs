namespace MoviePipeline.Phases.ScriptToTrailer;

[GenerateSerializer, Alias("MoviePipeline.TrailerPhaseState")]
public sealed class TrailerPhaseState
{
    [Id(0)] public TrailerOutput? Output { get; set; }
}
