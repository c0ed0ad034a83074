namespace MoviePipeline.Media.Storyboard;

/// <summary>A detail that helps tell drawn characters apart.</summary>
public enum Accessory
{
    None,
    Glasses,
    Tie,
    Scarf,
    BowTie,
}
