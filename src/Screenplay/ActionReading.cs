namespace MoviePipeline.Screenplay;

/// <summary>What one pass over action text found.</summary>
internal sealed record ActionReading(int Words, int ShoutedWords, IReadOnlyList<(int Character, int Position)> Mentions);
