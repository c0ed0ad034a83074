using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MoviePipeline.Accounts;
using MoviePipeline.Gateway.Infrastructure;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>
/// The data-protection key ring in grain storage (<see cref="IKeyRingGrain"/>; PostgreSQL in a deployment), so every
/// gateway signs and reads session cookies with the same keys, and a restart keeps them. The key manager calls this
/// rarely (at the first use, then about once a day) and synchronously, hence the blocking waits.
/// </summary>
public sealed class GrainKeyRepository(ClusterCalls cluster) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. cluster.ReadAsync(c => c.GetGrain<IKeyRingGrain>(0).GetAllAsync()).GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        cluster.RunAsync(async c =>
        {
            await c.GetGrain<IKeyRingGrain>(0).StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting));
            return true;
        }).GetAwaiter().GetResult();

    /// <summary>Hands the repository to the key manager once the services exist (it needs the cluster client).</summary>
    public sealed class Setup(ClusterCalls cluster) : Microsoft.Extensions.Options.IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options) => options.XmlRepository = new GrainKeyRepository(cluster);
    }
}
