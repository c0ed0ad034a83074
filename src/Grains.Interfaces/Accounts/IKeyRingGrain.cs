namespace MoviePipeline.Accounts;

/// <summary>
/// The gateways' shared data-protection key ring (key 0): the keys that sign session cookies, kept in grain storage so
/// that every gateway reads the same keys and a restart keeps them. Each element is one key's XML, as ASP.NET Core's
/// key manager writes it.
/// </summary>
[Alias("MoviePipeline.IKeyRingGrain")]
public interface IKeyRingGrain : IGrainWithIntegerKey
{
    [Alias("GetAll")]
    Task<IReadOnlyList<string>> GetAllAsync();

    /// <summary>Adds a key under its friendly name; storing a name again replaces that key (the key manager revokes that way).</summary>
    [Alias("Store")]
    Task StoreAsync(string friendlyName, string xml);
}
