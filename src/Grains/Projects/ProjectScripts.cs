using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace MoviePipeline.Projects;

/// <summary>
/// Keeps screenplays out of memory. A script can be megabytes, and only phase 1 and the project page read it, so a
/// workflow activation drops it after loading its project's definition and reads it from storage when asked: idle
/// projects in memory cost their workflow state, not their screenplay. Safe because the definition is written only
/// by its own grain, at creation and at an edit, and an edit is refused while phase 1 could be reading it.
/// </summary>
public sealed class ProjectScripts(IServiceProvider services)
{
    /// <summary>The grain state that holds the definition, beside the workflow state of the same grain.</summary>
    public const string StateName = "project";

    public void Forget(ProjectState project) => project.ScriptContent = "";

    /// <summary>Reads the script of the project grain <paramref name="grain"/>, into a state object of its own (concurrent reads cannot mix).</summary>
    public async Task<string> ReadAsync(GrainId grain, long projectId)
    {
        var stored = new GrainState<ProjectState>(new ProjectState());
        try
        {
            await services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
                .ReadStateAsync(StateName, grain, stored);
        }
        catch (Exception ex)
        {
            // Only the message crosses to the caller: the provider's exception may not serialize.
            throw new ProjectStorageUnavailableException($"The script of project {projectId} could not be read from storage: {ex.Message}");
        }
        return stored.State?.ScriptContent ?? "";
    }
}
