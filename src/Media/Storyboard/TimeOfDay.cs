namespace MoviePipeline.Media.Storyboard;

/// <summary>The light of a scene, which picks the palette of its frame.</summary>
public enum TimeOfDay
{
    Day,
    Night,
    Dusk,
    Dawn,
}
