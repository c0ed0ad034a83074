namespace MoviePipeline.Accounts;

/// <summary>
/// One per account, keyed by the normalized email address (<see cref="AccountEmail.Normalize"/>), so that an address is
/// taken once in the whole cluster: a single activation decides, and optimistic concurrency on its row rejects a second.
/// </summary>
[Alias("MoviePipeline.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account, or answers null when the address is taken already.</summary>
    [Alias("Register")]
    Task<UserAccount?> RegisterAsync(NewAccount account);

    /// <summary>The account with its password hash, for signing in; null when there is none.</summary>
    [Alias("GetCredentials")]
    Task<AccountCredentials?> GetCredentialsAsync();
}

/// <summary>What registration hands the account: the address as typed, a display name and the password's hash.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.NewAccount")]
public sealed record NewAccount(string Email, string Name, string PasswordHash);

/// <summary>An account as its owner sees it. <see cref="OpenId"/> is a stable opaque string the client may keep.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.UserAccount")]
public sealed record UserAccount(long Id, string OpenId, string Email, string Name, DateTime CreatedAt);

/// <summary>An account and the hash its password is checked against.</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.AccountCredentials")]
public sealed record AccountCredentials(UserAccount Account, string PasswordHash);

/// <summary>The one spelling of an address that accounts are keyed by.</summary>
public static class AccountEmail
{
    /// <summary>Trimmed and lower-cased without regard to culture: "Ann@Example.org" and "ann@example.org" are one account.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
