namespace MoviePipeline.Projects;

/// <summary>Creates projects. A stateless worker: any silo answers, many at once. Each user's list is <see cref="IUserProjectsGrain"/>.</summary>
[Alias("MoviePipeline.IProjectRegistryGrain")]
public interface IProjectRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a project with a new cluster-wide unique id and returns the id.</summary>
    [Alias("Create")]
    Task<long> CreateAsync(ProjectDraft draft);
}
