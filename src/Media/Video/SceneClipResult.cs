namespace MoviePipeline.Media.Video;

/// <summary>A finished scene clip.</summary>
/// <param name="SceneNumber">The scene.</param>
/// <param name="ClipKey">The MP4 (H.264 + AAC) with speech and, if enabled, burned-in subtitles.</param>
/// <param name="AudioKey">The scene's whole sound track as WAV, exactly as long as the clip (the final movie's audio is built from these).</param>
/// <param name="SubtitlesKey">The scene's SRT (times relative to the clip), or null when nobody speaks.</param>
/// <param name="DurationSeconds">The clip's duration as ffprobe reads it.</param>
/// <param name="FrameCount">Video frames in the clip.</param>
/// <param name="SpeechSeconds">Time from the first line's start to the last line's end (0 without dialogue).</param>
/// <param name="Cues">The subtitles, relative to the clip.</param>
/// <param name="SpeechKeys">The spoken lines it was made from, in order: kept while the clip is, for a changed scene to reuse.</param>
/// <param name="Reused">Found made by an earlier run with the same inputs, not made by this one.</param>
public sealed record SceneClipResult(
    int SceneNumber,
    string ClipKey,
    string AudioKey,
    string? SubtitlesKey,
    double DurationSeconds,
    int FrameCount,
    double SpeechSeconds,
    IReadOnlyList<SubtitleCue> Cues,
    IReadOnlyList<string> SpeechKeys,
    bool Reused);
