namespace MoviePipeline.Media.Video;

/// <summary>The assembled movie.</summary>
/// <param name="MovieKey">The MP4: H.264 + AAC, yuv420p, faststart.</param>
/// <param name="SubtitlesKey">The SRT covering the whole movie.</param>
/// <param name="DurationSeconds">The movie's duration as ffprobe reads it.</param>
/// <param name="ClipDurations">Each scene's clip duration as ffprobe reads it, by scene number, in movie order.</param>
/// <param name="Reused">Joined by an earlier run from the same clips, not by this one.</param>
public sealed record FinalMovieResult(
    string MovieKey, string SubtitlesKey, double DurationSeconds, IReadOnlyList<KeyValuePair<int, double>> ClipDurations, bool Reused = false)
{
    /// <summary>The clip durations added up.</summary>
    public double ClipsTotalSeconds => ClipDurations.Sum(c => c.Value);
}
