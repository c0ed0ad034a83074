namespace MoviePipeline.Projects;

/// <summary>
/// The ids of the projects created in one block of ids (key = id / <see cref="BlockSize"/>): how every project was
/// listed before accounts. New projects are listed per user (<see cref="IUserProjectsGrain"/>); this index is read once,
/// when the projects from before accounts move to their owner's list, and <see cref="AddAsync"/> is kept so that tests
/// can make a cluster as it was.
/// </summary>
[Alias("MoviePipeline.IProjectIndexGrain")]
public interface IProjectIndexGrain : IGrainWithIntegerKey
{
    public const long BlockSize = 4096;

    [Alias("Add")]
    Task AddAsync(long projectId);

    [Alias("GetIds")]
    Task<IReadOnlyList<long>> GetIdsAsync();
}
