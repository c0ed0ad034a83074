namespace MoviePipeline.Screenplay;

/// <summary>
/// One element of a screenplay body. <see cref="Text"/> keeps the writer's emphasis markers
/// (<c>*</c>, <c>**</c>, <c>_</c>); <see cref="FountainText.ToPlain"/> removes them.
/// Lines of a multi-line element (action, dialogue, lyrics) are joined with <c>\n</c>.
/// </summary>
/// <param name="Kind">What the element is.</param>
/// <param name="Text">
/// The element's text without its forcing marker: the heading without its scene number, the
/// character's name without extensions or <c>^</c>, a parenthetical without its parentheses,
/// a section's title without its <c>#</c>s. Empty for a page break.
/// </param>
public sealed record FountainElement(FountainElementKind Kind, string Text)
{
    /// <summary>A scene heading's number written as <c>#1A#</c>, without the <c>#</c>s.</summary>
    public string? SceneNumber { get; init; }

    /// <summary>A section's depth: 1 for <c>#</c>, 2 for <c>##</c>, ...</summary>
    public int SectionDepth { get; init; }

    /// <summary>A character cue's extensions as written, e.g. <c>(V.O.) (CONT'D)</c>.</summary>
    public string? CharacterExtension { get; init; }

    /// <summary>True on both cues of a dual-dialogue pair (the second one is marked with <c>^</c>).</summary>
    public bool IsDualDialogue { get; init; }

    /// <summary>True when the writer forced the element (<c>!</c>, <c>@</c>, <c>.</c>, <c>&gt;</c>).</summary>
    public bool IsForced { get; init; }

    /// <summary>For parentheticals, dialogue and lyrics inside a dialogue block: the name of the character speaking.</summary>
    public string? Speaker { get; init; }
}
