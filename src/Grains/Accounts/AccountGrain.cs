using MoviePipeline.Persistence;

namespace MoviePipeline.Accounts;

/// <summary>
/// One account per normalized address. Registration is decided by this one activation; should a second activation
/// exist for a moment (a silo declared dead too early), the storage's version check fails the later write, and that
/// registration answers "taken" after reading back the account that won.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> state,
    TimeProvider time) : Grain, IAccountGrain
{
    public async Task<UserAccount?> RegisterAsync(NewAccount account)
    {
        if (state.RecordExists) return null;
        var userId = await GrainFactory.GetGrain<IUserIdGrain>(0).NextAsync();
        state.State = new AccountState
        {
            UserId = userId,
            OpenId = "u" + Guid.NewGuid().ToString("N"),
            Email = account.Email.Trim(),
            Name = account.Name,
            PasswordHash = account.PasswordHash,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            await StorageFailures.RunAsync(state.ReadStateAsync, "Reading the account");
            return null;
        }
        catch (Exception ex)
        {
            // Unknown whether it was written: forget what was not confirmed, so the next call reads storage again.
            DeactivateOnIdle();
            throw new Projects.ProjectStorageUnavailableException($"Saving the account failed: {ex.GetType().Name}: {ex.Message}");
        }
        return state.State.ToAccount();
    }

    public Task<AccountCredentials?> GetCredentialsAsync() => Task.FromResult(state.RecordExists
        ? new AccountCredentials(state.State.ToAccount(), state.State.PasswordHash)
        : null);
}
