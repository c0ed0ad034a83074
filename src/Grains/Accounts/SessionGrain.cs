using MoviePipeline.Persistence;

namespace MoviePipeline.Accounts;

/// <summary>
/// One session. Reads answer from memory; an expired session is cleared on the first read after it lapses, and signing
/// out clears the row, so the cookie that named it finds nothing on any gateway.
/// </summary>
public sealed class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    TimeProvider time) : Grain, ISessionGrain
{
    public async Task StoreAsync(byte[] ticket, DateTimeOffset expiresAt)
    {
        state.State = new SessionState { Ticket = ticket, ExpiresAt = expiresAt };
        await StorageFailures.RunAsync(state.WriteStateAsync, "Saving the session");
    }

    public async Task<byte[]?> GetAsync()
    {
        if (!state.RecordExists) return null;
        if (state.State.ExpiresAt > time.GetUtcNow()) return state.State.Ticket;
        await RemoveAsync();
        return null;
    }

    public async Task RemoveAsync()
    {
        if (!state.RecordExists) return;
        await StorageFailures.RunAsync(state.ClearStateAsync, "Ending the session");
        DeactivateOnIdle();
    }
}
