namespace MoviePipeline.Projects;

/// <summary>Project settings (configuration section "Projects").</summary>
public sealed class ProjectOptions
{
    public const string SectionName = "Projects";

    /// <summary>
    /// Ids each registry activation reserves at once: larger means fewer allocator writes,
    /// smaller means fewer ids skipped when a silo stops.
    /// </summary>
    public int IdBlockSize { get; set; } = 100;
}
