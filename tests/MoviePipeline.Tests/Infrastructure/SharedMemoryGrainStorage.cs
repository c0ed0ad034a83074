using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// An <see cref="IGrainStorage"/> over <see cref="SharedMemoryStore"/> with the same optimistic
/// concurrency as the ADO.NET provider. A silo that is stopping (or was killed) can no longer
/// write, as a crashed process could not.
/// </summary>
public sealed class SharedMemoryGrainStorage(
    Serializer serializer, IHostApplicationLifetime lifetime, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (SharedMemoryStore.UnreadableStates.ContainsKey(Key(stateName, grainId)))
            throw new InvalidOperationException("The database is not answering.");
        if (SharedMemoryStore.States.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Payload);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            throw new InvalidOperationException("This silo is stopping and can no longer write state.");

        var key = Key(stateName, grainId);
        var fault = SharedMemoryStore.NextFault(key);
        if (fault == InjectedFault.Refuse)
            throw new InvalidOperationException($"The database refused the write of {stateName} (injected).");
        var payload = serializer.SerializeToArray(grainState.State);
        lock (SharedMemoryStore.States)
        {
            SharedMemoryStore.States.TryGetValue(key, out var stored);
            if (stored.ETag != grainState.ETag)
            {
                throw new InconsistentStateException(
                    $"Version conflict writing {stateName} of {grainId}: stored {stored.ETag ?? "none"}, given {grainState.ETag ?? "none"}.",
                    stored.ETag, grainState.ETag);
            }
            var next = (int.Parse(stored.ETag ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            SharedMemoryStore.States[key] = (next, payload);
            grainState.ETag = next;
            grainState.RecordExists = true;
        }
        SharedMemoryStore.Writes.AddOrUpdate($"{cluster.Value.ClusterId}/{stateName}", 1, (_, n) => n + 1);
        SharedMemoryStore.Writes.AddOrUpdate($"{cluster.Value.ClusterId}/{stateName}/{grainId}", 1, (_, n) => n + 1);
        if (fault == InjectedFault.LoseAnswer)
            throw new TimeoutException($"The database's answer to the write of {stateName} was lost (injected).");
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        SharedMemoryStore.States.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    // Test clusters in one process share the store: the cluster id keeps them apart.
    private string Key(string stateName, GrainId grainId) => $"{cluster.Value.ClusterId}/{stateName}/{grainId}";
}
