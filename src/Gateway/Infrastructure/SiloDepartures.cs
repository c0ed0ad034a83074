using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Metadata;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Tells the gateway's pending reads that a silo has left the cluster. A call that waits on a silo that died gets no
/// answer until Orleans' response timeout (30 s); once the cluster has declared the silo dead (about 2 s with our
/// membership settings), the same call made again reaches a new activation on a survivor. So every read holds
/// <see cref="Token"/>, which is cancelled when a silo leaves, and asks again (<see cref="ClusterCalls.ReadAsync{T}"/>).
/// </summary>
/// <remarks>
/// The cluster's view reaches the client as the cluster manifest (the silos that are active), which the client
/// refreshes every <see cref="TypeManagementOptions.TypeMapRefreshInterval"/>; the gateway sets that to
/// <see cref="RefreshInterval"/>, so a departure is seen within a second of the cluster declaring it.
/// </remarks>
public sealed partial class SiloDepartures(IClusterManifestProvider manifests, ILogger<SiloDepartures> logger) : BackgroundService
{
    /// <summary>How often the client asks its gateway silo for the cluster's members (a call that answers "no change" when none).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private CancellationTokenSource _departure = new();

    /// <summary>Cancelled when a silo that was a member leaves; a new token stands for the cluster from then on.</summary>
    public CancellationToken Token => Volatile.Read(ref _departure).Token;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? members = null;
        try
        {
            await foreach (var manifest in manifests.Updates.WithCancellation(stoppingToken))
            {
                var now = manifest.Silos.Keys.ToHashSet();
                var gone = members?.Where(silo => !now.Contains(silo)).ToList() ?? [];
                members = now;
                if (gone.Count == 0) continue;

                LogDeparture(logger, string.Join(", ", gone));
                var departed = Interlocked.Exchange(ref _departure, new CancellationTokenSource());
                // Not disposed: reads that took its token a moment ago still look at it (nothing to free without timers).
                await departed.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} left the cluster: reads waiting on it ask again")]
    private static partial void LogDeparture(ILogger logger, string silos);
}

public static class SiloDeparturesServiceCollectionExtensions
{
    /// <summary>Watches the cluster's members (see <see cref="SiloDepartures"/>) and refreshes them every second.</summary>
    public static IServiceCollection AddSiloDepartures(this IServiceCollection services)
    {
        services.Configure<TypeManagementOptions>(o => o.TypeMapRefreshInterval = SiloDepartures.RefreshInterval);
        services.AddSingleton<SiloDepartures>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloDepartures>());
        return services;
    }
}
