namespace MoviePipeline.Accounts;

/// <summary>
/// The one allocator of user ids in a cluster (key 0). Ids start at 2: user 1 owns the projects made before accounts
/// existed (<see cref="Users.BeforeAccounts"/>).
/// </summary>
[Alias("MoviePipeline.IUserIdGrain")]
public interface IUserIdGrain : IGrainWithIntegerKey
{
    /// <summary>Reserves a new user id, persisted before it is returned.</summary>
    [Alias("Next")]
    Task<long> NextAsync();
}

/// <summary>User ids with a meaning of their own.</summary>
public static class Users
{
    /// <summary>
    /// The owner of every project created before accounts existed (they were all made by the one local user, id 1). No
    /// account has this id; administrators see and run these projects.
    /// </summary>
    public const long BeforeAccounts = 1;
}
