namespace MoviePipeline;

/// <summary>How the phases do their work (configuration section "Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// <c>Local</c> (the default): storyboard frames, trailer, speech, clips and the movie are made on this
    /// machine with SkiaSharp, espeak-ng and ffmpeg (settings in the "Media" section).
    /// <c>None</c>: the phases understand the script but make no images, speech or video
    /// (fast; for orchestration tests and benchmarks).
    /// </summary>
    public MediaMode Media { get; set; } = MediaMode.Local;
}

public enum MediaMode
{
    None = 0,
    Local = 1,
}
