using Polly;

namespace MoviePipeline.Workflow;

/// <summary>
/// Writes one workflow's state, one write at a time (requests and the run loop interleave), through the
/// <see cref="WorkflowResilience.StoragePipeline"/> retries: a storage outage is waited out, so a workflow never goes on
/// from an unsaved change. A write that finds another activation's newer state is not retried: that activation wins.
/// What each write saved is handed to <see cref="SavedWorkflow"/>, which readers see.
/// </summary>
public sealed class WorkflowWriter(IPersistentState<WorkflowState> state, SavedWorkflow saved, ResiliencePipeline retries)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

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
}
