namespace MoviePipeline.Phases;

/// <summary>The assembled movie and its subtitles.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.FinalCut")]
public sealed record FinalCut(
    string? MovieKey,
    string? SubtitlesKey,
    double Duration,
    MovieStatus Status,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    // Joined by an earlier run from the same clips.
    bool Reused = false);
