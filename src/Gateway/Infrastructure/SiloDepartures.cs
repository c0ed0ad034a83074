namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Tells the gateway's pending reads that a silo has left the cluster. A call that waits on a silo that died gets no
/// answer until Orleans' response timeout (30 s); once the cluster has declared the silo dead (about 2 s with our
/// membership settings), the same call made again reaches a new activation on a survivor. So every read holds
/// <see cref="Token"/>, which is cancelled when a silo leaves, and asks again (<see cref="ClusterCalls.ReadAsync{T}"/>).
/// </summary>
/// <remarks>
/// It asks the cluster for its active silos every <see cref="PollInterval"/> and waits at most
/// <see cref="AnswerTimeout"/> for an answer; no answer in time counts as a possible departure too, since the silo it
/// asks (or the gateway's own connection into the cluster) may be the one that died. The client's cluster manifest is no substitute:
/// its refresh is itself a call that waits out the response timeout when that silo dies.
/// </remarks>
public sealed partial class SiloDepartures(IClusterClient cluster, ILogger<SiloDepartures> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    private CancellationTokenSource _departure = new();

    /// <summary>Cancelled when a silo that was active leaves; a new token stands for the cluster from then on.</summary>
    public CancellationToken Token => Volatile.Read(ref _departure).Token;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? active = null;
        using var ticks = new PeriodicTimer(PollInterval);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                Dictionary<SiloAddress, SiloStatus> hosts;
                try
                {
                    hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(AnswerTimeout, stoppingToken);
                }
                catch (TimeoutException) when (active is not null)
                {
                    // No answer in time: the silo that answers this (or the one the gateway talks through) may be the one
                    // that died. Reads ask again, which costs them nothing if it was not; the view is kept, so that an
                    // answer without the silo still tells the reads that went to it meanwhile.
                    LogNoAnswer(logger, AnswerTimeout.TotalSeconds);
                    await SignalAsync();
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    continue; // the cluster is not reached (yet): ask again at the next tick
                }

                var now = hosts.Keys.ToHashSet();
                var gone = active?.Where(silo => !now.Contains(silo)).ToList() ?? [];
                active = now;
                if (gone.Count == 0) continue;

                LogDeparture(logger, string.Join(", ", gone));
                await SignalAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping.
        }
    }

    private async Task SignalAsync()
    {
        var departed = Interlocked.Exchange(ref _departure, new CancellationTokenSource());
        // Not disposed: reads that took its token a moment ago still look at it (nothing to free without timers).
        await departed.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not say which silos are active within {Seconds} s: reads waiting ask again")]
    private static partial void LogNoAnswer(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} left the cluster: reads waiting on it ask again")]
    private static partial void LogDeparture(ILogger logger, string silos);
}

public static class SiloDeparturesServiceCollectionExtensions
{
    /// <summary>Watches the cluster's active silos (see <see cref="SiloDepartures"/>).</summary>
    public static IServiceCollection AddSiloDepartures(this IServiceCollection services)
    {
        services.AddSingleton<SiloDepartures>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloDepartures>());
        return services;
    }
}
