namespace MoviePipeline.Screenplay;

/// <summary>A scene being assembled: its title, where it happens and its beats in order.</summary>
internal sealed class SceneDraft(string? title, SceneLocation? location)
{
    /// <summary>The heading or section title; null when the title is to be made from the text.</summary>
    public string? Title { get; set; } = title;

    /// <summary>Null for a scene without a heading: the setting is then guessed from its text.</summary>
    public SceneLocation? Location { get; set; } = location;

    public List<SceneBeat> Beats { get; } = [];

    public List<string> Synopses { get; } = [];

    /// <summary>Centered text (<c>&gt; BRICK &amp; STEEL &lt;</c>): what a title card shows.</summary>
    public List<string> CenteredLines { get; } = [];

    public bool IsEmpty => Beats.Count == 0 && Synopses.Count == 0 && CenteredLines.Count == 0;

    public IEnumerable<string> ActionParagraphs => Beats.Where(b => b.Action is not null).Select(b => b.Action!);
}
