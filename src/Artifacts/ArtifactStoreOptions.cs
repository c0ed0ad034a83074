namespace MoviePipeline.Media.Artifacts;

/// <summary>Where the artifact store keeps its files (setting <c>Media:ArtifactRoot</c>, read by silo and gateway alike).</summary>
public sealed class ArtifactStoreOptions
{
    public const string SectionName = "Media";

    /// <summary>
    /// Folder that holds every artifact; relative paths resolve against the current directory (the repository root
    /// with the README's run command). Silo and gateway must name the same folder.
    /// </summary>
    public string ArtifactRoot { get; set; } = ".data/artifacts";
}
