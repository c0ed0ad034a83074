namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>
/// Grain calls that go on through a silo restart: a call the cluster refused because no silo
/// could take it (the gateway just lost its silo) is tried again a few times, briefly.
/// </summary>
public static class ClusterCalls
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsUnavailable(ex) && attempt < Delays.Length)
            {
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }

    /// <summary>Whether the exception says the cluster could not be reached (as opposed to a grain's own error).</summary>
    public static bool IsUnavailable(Exception ex) => ex is SiloUnavailableException
        or OrleansMessageRejectionException
        or Orleans.Runtime.Messaging.ConnectionFailedException;
}
