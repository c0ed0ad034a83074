namespace MoviePipeline.Projects;

/// <summary>Creates and lists projects. A stateless worker: any silo answers, many at once.</summary>
[Alias("MoviePipeline.IProjectRegistryGrain")]
public interface IProjectRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a project with a new cluster-wide unique id and returns the id.</summary>
    [Alias("Create")]
    Task<long> CreateAsync(ProjectDraft draft);

    /// <summary>Every project, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ProjectSummary>> ListAsync();
}
