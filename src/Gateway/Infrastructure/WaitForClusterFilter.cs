using Orleans;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Keeps trying to reach a silo at start-up, so silo and gateway can start in either order.
/// </summary>
public sealed partial class WaitForClusterFilter(ILogger<WaitForClusterFilter> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempt++;
        LogWaiting(_attempt, exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, _attempt)), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet (attempt {Attempt}): {Reason}. Retrying.")]
    private partial void LogWaiting(int attempt, string reason);
}
