using MoviePipeline.Persistence;

namespace MoviePipeline.Accounts;

/// <summary>The gateways' shared data-protection key ring: see <see cref="IKeyRingGrain"/>.</summary>
public sealed class KeyRingGrain([PersistentState("keys")] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    public Task<IReadOnlyList<string>> GetAllAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Keys.Values]);

    public async Task StoreAsync(string friendlyName, string xml)
    {
        var before = state.State.Keys.GetValueOrDefault(friendlyName);
        state.State.Keys[friendlyName] = xml;
        try
        {
            await StorageFailures.RunAsync(state.WriteStateAsync, "Saving a data-protection key");
        }
        catch
        {
            // Not saved, so not kept: the key manager makes the key again.
            if (before is null) state.State.Keys.Remove(friendlyName);
            else state.State.Keys[friendlyName] = before;
            throw;
        }
    }
}
