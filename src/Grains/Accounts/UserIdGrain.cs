using MoviePipeline.Projects;

namespace MoviePipeline.Accounts;

/// <summary>
/// The cluster's allocator of user ids, one at a time (accounts are made rarely), above
/// <see cref="Users.BeforeAccounts"/>. The high-water mark is stored like the project allocator's.
/// </summary>
// Not "ids": storage keys a row by state name and grain key, not by grain class (docs/orleans-postgres.md), and the
// project allocator is "ids" with key 0 too.
public sealed class UserIdGrain([PersistentState("user-ids")] IPersistentState<ProjectIdState> state)
    : IdRangeGrain(state, "a user id"), IUserIdGrain
{
    public Task<long> NextAsync() => ReserveRangeAsync(1, floor: Users.BeforeAccounts);
}
