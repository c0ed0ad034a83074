namespace MoviePipeline.Media.Storyboard;

/// <summary>What a drawn character wears on the head.</summary>
public enum Headwear
{
    None,
    TopHat,
    Cap,
    Beret,
    WideBrim,
    Beanie,
}
