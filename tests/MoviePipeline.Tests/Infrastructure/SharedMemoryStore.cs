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

    /// <summary>How many state writes were taken, per "cluster id/state name" and per "cluster id/state name/grain id".</summary>
    public static ConcurrentDictionary<string, int> Writes { get; } = new();

    public static int WritesOf(string clusterId, string stateName) => Writes.GetValueOrDefault($"{clusterId}/{stateName}");

    public static int WritesOf(string clusterId, string stateName, GrainId grainId) => Writes.GetValueOrDefault($"{clusterId}/{stateName}/{grainId}");
}
