namespace MoviePipeline.Media.Storyboard;

/// <summary>Hair of a drawn character.</summary>
public enum HairStyle
{
    Short,
    Long,
    Bald,
    Curly,
    Ponytail,
}
