using Microsoft.Extensions.Logging;
using Polly;

namespace MoviePipeline.Workflow;

/// <summary>
/// Writes one workflow's state, one write at a time (requests and the run loop interleave), through the
/// <see cref="WorkflowResilience.StoragePipeline"/> retries: a storage outage is waited out, so a workflow never goes on
/// from an unsaved change. A write that finds another activation's newer state is not retried: that activation wins.
/// What each write saved is handed to <see cref="SavedWorkflow"/>, which readers see.
/// </summary>
public sealed partial class WorkflowWriter(IPersistentState<WorkflowState> state, SavedWorkflow saved, ResiliencePipeline retries, ILogger logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Task? _background;

    /// <summary>Writes the state as it is now; <paramref name="snapshot"/> is what readers may be shown of it.</summary>
    public async Task WriteAsync(Func<WorkflowStatus> snapshot)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            saved.Saved(await retries.ExecuteOnGrainAsync(async () =>
            {
                // Taken before the write, so readers are never shown more than storage holds.
                var status = snapshot();
                await state.WriteStateAsync();
                return status;
            }));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Writes in the background unless such a write is under way (changes recorded but not written, which a reader has
    /// asked for). A failure is logged: the next write carries the same state, or meets the same trouble.
    /// </summary>
    public void WriteSoon(Func<WorkflowStatus> snapshot, long projectId)
    {
        if (_background is { IsCompleted: false }) return;
        _background = WriteLoggingFailureAsync();

        async Task WriteLoggingFailureAsync()
        {
            try
            {
                await WriteAsync(snapshot);
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex, projectId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: writing the progress a reader asked for failed")]
    private partial void LogWriteFailed(Exception ex, long projectId);
}
