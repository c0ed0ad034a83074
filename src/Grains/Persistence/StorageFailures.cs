using MoviePipeline.Projects;

namespace MoviePipeline.Persistence;

/// <summary>Storage calls on a request's path: a failure reaches the caller as <see cref="ProjectStorageUnavailableException"/>.</summary>
public static class StorageFailures
{
    /// <summary>Runs <paramref name="call"/>; any failure becomes a <see cref="ProjectStorageUnavailableException"/> saying <paramref name="what"/> failed.</summary>
    public static async Task RunAsync(Func<Task> call, string what)
    {
        try
        {
            await call();
        }
        catch (ProjectStorageUnavailableException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Unavailable(what, ex);
        }
    }

    /// <inheritdoc cref="RunAsync(Func{Task}, string)"/>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call();
        }
        catch (ProjectStorageUnavailableException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Unavailable(what, ex);
        }
    }

    // Only the message crosses the grain boundary: the provider's exception may not serialize.
    private static ProjectStorageUnavailableException Unavailable(string what, Exception ex) =>
        new($"{what} failed: {ex.GetType().Name}: {ex.Message}");
}
