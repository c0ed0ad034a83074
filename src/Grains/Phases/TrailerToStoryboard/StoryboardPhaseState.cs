namespace MoviePipeline.Phases.TrailerToStoryboard;

[GenerateSerializer, Alias("MoviePipeline.StoryboardPhaseState")]
public sealed class StoryboardPhaseState
{
    [Id(0)] public List<SceneFrame> Frames { get; set; } = [];
}
