namespace MoviePipeline.Screenplay;

/// <summary>One title-page entry, e.g. <c>Title: BRICK &amp; STEEL</c>. Continuation lines are joined with <c>\n</c>.</summary>
public sealed record FountainTitleEntry(string Key, string Value);
