namespace MoviePipeline.Media.Video;

/// <summary>One still-to-clip encode for <see cref="StillClipEncoder"/>.</summary>
/// <param name="ImagePath">The still (PNG).</param>
/// <param name="FrameCount">Exact number of frames.</param>
/// <param name="Move">The camera move.</param>
/// <param name="OutputPath">Where the MP4 goes.</param>
/// <param name="WorkingDirectory">Folder ffmpeg runs in; subtitle file names are relative to it.</param>
internal sealed record StillClip(string ImagePath, int FrameCount, CameraMove Move, string OutputPath, string WorkingDirectory)
{
    /// <summary>A WAV exactly as long as the clip, or null for a video-only clip.</summary>
    public string? AudioPath { get; init; }

    /// <summary>An SRT file name inside <see cref="WorkingDirectory"/> to burn in.</summary>
    public string? SubtitlesFileName { get; init; }

    /// <summary>Fade from and to black at both ends.</summary>
    public double FadeSeconds { get; init; }
}
