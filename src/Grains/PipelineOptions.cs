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

    /// <summary>
    /// With <see cref="Media"/> <c>None</c>: how long each phase takes, as a remote provider's
    /// latency would make it, spread over a few progress reports. Zero (the default) adds no
    /// delay. For load and crash tests and benchmarks that need phases that last without media work.
    /// </summary>
    public TimeSpan SimulatedPhaseDuration { get; set; } = TimeSpan.Zero;
}

public enum MediaMode
{
    None = 0,
    Local = 1,
}
