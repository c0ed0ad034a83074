namespace MoviePipeline.Media.Artifacts;

/// <summary>How long what a project no longer refers to stays on disk (configuration section <c>Artifacts</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Artifacts";

    /// <summary>
    /// A piece the project's current outputs do not use is deleted once it has gone unused this long: an edit undone
    /// within the period is made again from what is kept.
    /// </summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(7);
}
