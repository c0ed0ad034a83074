namespace MoviePipeline.Accounts;

/// <summary>
/// One signed-in session, keyed by a random session key that only the session cookie carries. Kept on the server so
/// that signing out ends it on every gateway: a copied cookie finds nothing here afterwards.
/// </summary>
[Alias("MoviePipeline.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Keeps the serialized sign-in ticket until <paramref name="expiresAt"/>.</summary>
    [Alias("Store")]
    Task StoreAsync(byte[] ticket, DateTimeOffset expiresAt);

    /// <summary>The ticket, or null when the session ended or expired.</summary>
    [Alias("Get")]
    Task<byte[]?> GetAsync();

    /// <summary>Ends the session.</summary>
    [Alias("Remove")]
    Task RemoveAsync();
}
