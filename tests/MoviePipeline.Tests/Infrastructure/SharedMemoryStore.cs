using System.Collections.Concurrent;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// Grain state and reminders kept in this test process, outside every silo, so that a silo
/// killed in a test takes nothing with it (as PostgreSQL would in production). Orleans' own
/// memory providers keep their data in grains, which die with their silo.
/// </summary>
public static class SharedMemoryStore
{
    public static ConcurrentDictionary<string, (string ETag, byte[] Payload)> States { get; } = new();

    public static ConcurrentDictionary<string, StoredReminder> Reminders { get; } = new();

    /// <summary>Keys ("cluster id/state name/grain id") whose reads fail, as an unreachable database's would.</summary>
    public static ConcurrentDictionary<string, bool> UnreadableStates { get; } = new();

    /// <summary>
    /// Failures to inject, per state key ("cluster id/state name/grain id") or reminder key ("cluster id/grain id/reminder
    /// name"): each write or reminder upsert takes the next one; an empty or missing queue lets writes through.
    /// </summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<InjectedFault>> Faults { get; } = new();

    /// <summary>The fault the next write to <paramref name="key"/> meets.</summary>
    public static InjectedFault NextFault(string key) =>
        Faults.TryGetValue(key, out var queue) && queue.TryDequeue(out var fault) ? fault : InjectedFault.None;

    /// <summary>How many state writes were taken, per "cluster id/state name" and per "cluster id/state name/grain id".</summary>
    public static ConcurrentDictionary<string, int> Writes { get; } = new();

    public static int WritesOf(string clusterId, string stateName) => Writes.GetValueOrDefault($"{clusterId}/{stateName}");

    public static int WritesOf(string clusterId, string stateName, GrainId grainId) => Writes.GetValueOrDefault($"{clusterId}/{stateName}/{grainId}");
}

/// <summary>What an injected storage fault does to one write.</summary>
public enum InjectedFault
{
    /// <summary>The write goes through.</summary>
    None,

    /// <summary>The write is refused: nothing is stored (the database is down, or out of connections).</summary>
    Refuse,

    /// <summary>The write is stored, but its answer is lost: the caller sees a failure.</summary>
    LoseAnswer,
}
