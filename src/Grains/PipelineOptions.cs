namespace MoviePipeline;

/// <summary>How the phases do their work (configuration section "Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// <c>None</c>: the phases understand the script but make no images, speech or video
    /// (fast; for orchestration tests and benchmarks).
    /// </summary>
    public MediaMode Media { get; set; } = MediaMode.None;
}

public enum MediaMode
{
    None = 0,
    Local = 1,
}
