using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Grain calls that go on through a silo restart: a call the cluster refused because no silo could take it (the
/// gateway just lost its silo) is tried again a few times, briefly, by the <see cref="PipelineName"/> Polly pipeline
/// (configured under <c>Resilience:ClusterCalls</c>; by default 4 retries, 0.2 s doubling). Reads also ask again
/// when a silo leaves the cluster while they wait (<see cref="ReadAsync{T}"/>).
/// </summary>
public sealed class ClusterCalls(
    IClusterClient cluster, Polly.Registry.ResiliencePipelineProvider<string> pipelines, SiloDepartures departures)
{
    public const string PipelineName = "gateway-cluster-calls";

    private readonly ResiliencePipeline _retries = pipelines.GetPipeline(PipelineName);

    public IClusterClient Client => cluster;

    public async Task<T> RunAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken = default) =>
        await _retries.ExecuteAsync(static async (state, _) => await state.call(state.cluster), (call, cluster), cancellationToken);

    /// <summary>
    /// A call that changes nothing (a status, a long poll for changes): when a silo leaves the cluster while it waits,
    /// it is abandoned and made again, so that a read that was waiting on the dead silo moves to the survivors within
    /// the failure-detection time instead of the response timeout. A read that was waiting on a live silo just asks again.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var departure = departures.Token;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(departure, cancellationToken);
            try
            {
                return await RunAsync(call, cancellationToken).WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (departure.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A silo left: ask again.
            }
        }
    }

    /// <summary>Whether the exception says the cluster could not be reached (as opposed to a grain's own error).</summary>
    public static bool IsUnavailable(Exception ex) => ex is SiloUnavailableException
        or OrleansMessageRejectionException
        or Orleans.Runtime.Messaging.ConnectionFailedException;
}

public static class ClusterCallsServiceCollectionExtensions
{
    public static IServiceCollection AddClusterCalls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetryStrategyOptions>(ClusterCalls.PipelineName)
            .Configure(o =>
            {
                o.MaxRetryAttempts = 4;
                o.Delay = TimeSpan.FromMilliseconds(200); // 0.2, 0.4, 0.8, 1.6 s: about as long as a silo takes to come back
                o.BackoffType = DelayBackoffType.Exponential;
                o.UseJitter = false;
            })
            .Bind(configuration.GetSection("Resilience:ClusterCalls"));
        services.AddResiliencePipeline(ClusterCalls.PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<RetryStrategyOptions>>().Get(ClusterCalls.PipelineName);
            // Only "nobody could take the call": a grain's own error, or a timeout (the call may have run), is not retried.
            options.ShouldHandle = new PredicateBuilder().Handle<Exception>(ClusterCalls.IsUnavailable);
            pipeline.AddRetry(options);
        });
        services.AddSiloDepartures();
        services.AddSingleton<ClusterCalls>();
        return services;
    }
}
