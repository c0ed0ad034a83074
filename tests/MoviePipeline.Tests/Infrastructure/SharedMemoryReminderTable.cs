using Microsoft.Extensions.Options;
using Orleans.Configuration;
using System.Globalization;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>One reminder row as the table keeps it.</summary>
public sealed record StoredReminder(string ClusterId, GrainId GrainId, string ReminderName, DateTime StartAt, TimeSpan Period, string ETag);

/// <summary>An <see cref="IReminderTable"/> over <see cref="SharedMemoryStore"/>, shared by every silo of the test process.</summary>
public sealed class SharedMemoryReminderTable(IOptions<ClusterOptions> cluster) : IReminderTable
{
    private static int _version;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(ToData(Mine().Where(r => r.GrainId == grainId)));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(ToData(Mine().Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end))));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(SharedMemoryStore.Reminders.TryGetValue(Key(grainId, reminderName), out var r) ? ToOrleans(r) : null);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var key = Key(entry.GrainId, entry.ReminderName);
        var fault = SharedMemoryStore.NextFault(key);
        if (fault == InjectedFault.Refuse)
            throw new InvalidOperationException("The reminder table refused the write (injected).");
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        SharedMemoryStore.Reminders[key] =
            new StoredReminder(cluster.Value.ClusterId, entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period, etag);
        if (fault == InjectedFault.LoseAnswer)
            throw new TimeoutException("The reminder table's answer was lost (injected).");
        return Task.FromResult<string?>(etag);
    }

    /// <summary>The key <see cref="SharedMemoryStore.Reminders"/> and <see cref="SharedMemoryStore.Faults"/> use for a reminder.</summary>
    public static string KeyOf(string clusterId, GrainId grainId, string name) => $"{clusterId}/{grainId}/{name}";

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var key = Key(grainId, reminderName);
        lock (SharedMemoryStore.Reminders)
        {
            if (!SharedMemoryStore.Reminders.TryGetValue(key, out var r) || r.ETag != eTag) return Task.FromResult(false);
            return Task.FromResult(SharedMemoryStore.Reminders.TryRemove(key, out _));
        }
    }

    public Task TestOnlyClearTable()
    {
        foreach (var r in Mine()) SharedMemoryStore.Reminders.TryRemove(Key(r.GrainId, r.ReminderName), out _);
        return Task.CompletedTask;
    }

    private IEnumerable<StoredReminder> Mine() => SharedMemoryStore.Reminders.Values.Where(r => r.ClusterId == cluster.Value.ClusterId);

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private string Key(GrainId grainId, string name) => KeyOf(cluster.Value.ClusterId, grainId, name);

    private static ReminderTableData ToData(IEnumerable<StoredReminder> rows) => new(rows.Select(ToOrleans).ToList());

    private static ReminderEntry ToOrleans(StoredReminder r) => new()
    {
        GrainId = r.GrainId,
        ReminderName = r.ReminderName,
        StartAt = r.StartAt,
        Period = r.Period,
        ETag = r.ETag,
    };
}
