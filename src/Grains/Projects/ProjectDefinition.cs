using MoviePipeline.Persistence;
using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>
/// A project's definition (title, description, script, owner, revision) as its workflow grain holds it: the grain
/// state "project", written only when the project is created and when an edit is accepted. The script is not kept in
/// memory; it is read from storage when asked (see <see cref="ProjectScripts"/>).
/// </summary>
public sealed class ProjectDefinition(IPersistentState<ProjectState> state, ProjectScripts scripts, GrainId grain, long projectId)
{
    public bool Exists => state.RecordExists;

    public ProjectState Current => state.State;

    /// <summary>Drops the script that loading the definition brought into memory.</summary>
    public void DropScript() => scripts.Forget(state.State);

    public async Task CreateAsync(ProjectDraft draft, DateTime at)
    {
        state.State = ProjectState.From(draft, at);
        await StorageFailures.RunAsync(state.WriteStateAsync, $"Saving project {projectId}");
        DropScript();
    }

    /// <summary>
    /// Writes the next revision. When the write fails the definition held is the previous one again; whether the row
    /// holds the edit is unknown, so the caller's activation should go and let the next one read it.
    /// </summary>
    public async Task<ProjectState> EditAsync(ProjectEdit edit, DateTime at)
    {
        var previous = state.State;
        state.State = previous.Edited(edit, edit.ScriptContent ?? await ReadScriptAsync(), at);
        try
        {
            await StorageFailures.RunAsync(state.WriteStateAsync, $"Saving project {projectId}");
        }
        catch (ProjectStorageUnavailableException)
        {
            state.State = previous;
            throw;
        }
        DropScript();
        return state.State;
    }

    public Task<string> ReadScriptAsync() => scripts.ReadAsync(grain, projectId);

    public async Task<ProjectSnapshot> SnapshotAsync(WorkflowStatus status) =>
        Current.ToSnapshot(projectId, await ReadScriptAsync(), status);

    public ProjectSummary Summary(WorkflowStatus status) => Current.ToSummary(projectId, status);
}
