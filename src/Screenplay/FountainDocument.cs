namespace MoviePipeline.Screenplay;

/// <summary>A parsed screenplay: its title page, its body elements in order, and the writer's notes.</summary>
public sealed record FountainDocument(
    IReadOnlyList<FountainTitleEntry> TitlePage,
    IReadOnlyList<FountainElement> Elements,
    IReadOnlyList<string> Notes)
{
    public static FountainDocument Empty { get; } = new([], [], []);

    /// <summary>The value of the first title-page entry named <paramref name="key"/> (case-insensitive), or null.</summary>
    public string? TitleValue(string key)
    {
        foreach (var entry in TitlePage)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
