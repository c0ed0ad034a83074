using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MoviePipeline.Gateway.Observability;

/// <summary>Healthy when the cluster answers a call: the gateway can serve requests, not just run.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s) answer.")
                : HealthCheckResult.Unhealthy("The cluster answered but lists no active silo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No silo answers: {ex.Message}");
        }
    }
}
