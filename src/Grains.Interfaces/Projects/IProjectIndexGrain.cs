namespace MoviePipeline.Projects;

/// <summary>
/// The ids of the projects created in one block of ids (key = id / <see cref="BlockSize"/>),
/// so that listing projects never loads one ever-growing record.
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
