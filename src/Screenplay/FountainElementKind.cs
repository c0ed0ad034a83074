namespace MoviePipeline.Screenplay;

/// <summary>The kinds of body element in a Fountain 1.1 screenplay.</summary>
public enum FountainElementKind
{
    SceneHeading,
    Action,
    Character,
    Parenthetical,
    Dialogue,
    Lyrics,
    Transition,
    CenteredText,
    PageBreak,
    Section,
    Synopsis,
}
