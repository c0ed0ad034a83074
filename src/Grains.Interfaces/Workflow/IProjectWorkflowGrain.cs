using MoviePipeline.Projects;
using Orleans.Concurrency;

namespace MoviePipeline.Workflow;

/// <summary>
/// One per project (keyed by the project id): holds the project's definition and its persisted
/// workflow state, and drives the three phase grains one after another (they stream their progress
/// back with their answer; nothing calls the workflow but its clients).
/// </summary>
[Alias("MoviePipeline.IProjectWorkflowGrain")]
public interface IProjectWorkflowGrain : IGrainWithIntegerKey
{
    /// <summary>The longest a <see cref="WaitForChangeAsync"/> call waits, well inside the call timeout.</summary>
    static readonly TimeSpan MaxChangeWait = TimeSpan.FromSeconds(20);

    /// <summary>Creates the project. False when a project with this id exists already.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(ProjectDraft draft);

    /// <summary>The project and its workflow status, or null when there is no such project.</summary>
    [Alias("GetProject"), AlwaysInterleave]
    Task<ProjectSnapshot?> GetProjectAsync();

    /// <summary>The title, status and times without the script, or null when there is no such project.</summary>
    [Alias("GetSummary"), AlwaysInterleave]
    Task<ProjectSummary?> GetSummaryAsync();

    /// <summary>The id of the user the project belongs to, or null when there is no such project.</summary>
    [Alias("GetOwner"), AlwaysInterleave]
    Task<long?> GetOwnerAsync();

    /// <summary>The workflow status, or null when there is no such project. Answers at once while a phase runs.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<WorkflowStatus?> GetStatusAsync();

    /// <summary>The recorded changes with a version above <paramref name="afterVersion"/>, oldest first.</summary>
    [Alias("GetHistory"), AlwaysInterleave]
    Task<IReadOnlyList<WorkflowEvent>> GetHistoryAsync(long afterVersion);

    /// <summary>
    /// A long poll for readers that follow the workflow (the gateway's event stream): completes as
    /// soon as a change above <paramref name="afterVersion"/> has been saved, with the saved changes
    /// above it, oldest first; or empty after <paramref name="timeout"/> (at most
    /// <see cref="MaxChangeWait"/>) when nothing changed. Interleaves with every other call.
    /// </summary>
    [Alias("WaitForChange"), AlwaysInterleave]
    Task<IReadOnlyList<WorkflowEvent>> WaitForChangeAsync(long afterVersion, TimeSpan timeout);

    /// <summary>
    /// Saves <paramref name="edit"/> as the project's next revision and makes the workflow a draft of it; a conflict
    /// while the workflow runs, and nothing changes.
    /// </summary>
    [Alias("Edit")]
    Task<WorkflowCommandResult> EditAsync(ProjectEdit edit);

    /// <summary>Starts the workflow (or goes on from the failed phase, or runs a completed one again) and returns at once.</summary>
    [Alias("Start")]
    Task<WorkflowCommandResult> StartAsync();

    /// <summary>Asks the workflow to stop at the next checkpoint between phases.</summary>
    [Alias("Pause")]
    Task<WorkflowCommandResult> PauseAsync();

    /// <summary>Goes on with the next phase after a pause (or cancels a pause not yet reached).</summary>
    [Alias("Resume")]
    Task<WorkflowCommandResult> ResumeAsync();
}
