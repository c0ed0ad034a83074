using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>
/// One user's projects (key = the user id): the list they see, and the gate every start and resume of theirs passes,
/// so that a user has at most a given number of workflows running at once, even when two ask at the same moment.
/// </summary>
[Alias("MoviePipeline.IUserProjectsGrain")]
public interface IUserProjectsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a project id to the user's list (before the project is saved: see the registry).</summary>
    [Alias("Add")]
    Task AddAsync(long projectId);

    /// <summary>The user's projects, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ProjectSummary>> ListAsync();

    /// <summary>Starts the project's workflow unless <paramref name="maxRunning"/> of the user's workflows run already.</summary>
    [Alias("Start")]
    Task<WorkflowCommandResult> StartAsync(long projectId, int maxRunning);

    /// <summary>Resumes the project's workflow unless <paramref name="maxRunning"/> of the user's workflows run already.</summary>
    [Alias("Resume")]
    Task<WorkflowCommandResult> ResumeAsync(long projectId, int maxRunning);
}
