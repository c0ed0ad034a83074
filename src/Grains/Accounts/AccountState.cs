namespace MoviePipeline.Accounts;

/// <summary>An account as stored (grain state "account", keyed by the normalized address).</summary>
[GenerateSerializer, Alias("MoviePipeline.AccountState")]
public sealed class AccountState
{
    [Id(0)] public long UserId { get; set; }
    [Id(1)] public string OpenId { get; set; } = "";
    /// <summary>The address as the user typed it at registration.</summary>
    [Id(2)] public string Email { get; set; } = "";
    [Id(3)] public string Name { get; set; } = "";
    /// <summary>ASP.NET Core Identity's password hash (salted PBKDF2); never the password.</summary>
    [Id(4)] public string PasswordHash { get; set; } = "";
    [Id(5)] public DateTime CreatedAt { get; set; }

    public UserAccount ToAccount() => new(UserId, OpenId, Email, Name, CreatedAt);
}
