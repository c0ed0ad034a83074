namespace MoviePipeline.Media.Video;

/// <summary>The cut trailer.</summary>
/// <param name="Key">Artifact key of the MP4.</param>
/// <param name="DurationSeconds">Its duration as ffprobe reads it (15-40 s).</param>
/// <param name="ShotCount">Frames shown between the cards.</param>
/// <param name="SkippedFrameKeys">Requested frames that were missing or unreadable and so left out.</param>
/// <param name="Reused">Cut by an earlier run from the same inputs, not by this one.</param>
public sealed record TrailerResult(string Key, double DurationSeconds, int ShotCount, IReadOnlyList<string> SkippedFrameKeys, bool Reused = false);
