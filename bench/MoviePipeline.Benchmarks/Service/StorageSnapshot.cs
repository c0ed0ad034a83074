namespace MoviePipeline.Benchmarks.Service;

/// <summary>Row changes per table (pg_stat_user_tables).</summary>
public readonly record struct TableCounters(long Inserted, long Updated, long Deleted)
{
    public long Total => Inserted + Updated + Deleted;

    public static TableCounters operator -(TableCounters a, TableCounters b) =>
        new(a.Inserted - b.Inserted, a.Updated - b.Updated, a.Deleted - b.Deleted);
}

/// <summary>
/// Grain states of one grain type in orleansstorage: rows, the sum of their versions (every write adds
/// one: an insert stores version 1, an update bumps it), and payload bytes.
/// </summary>
public readonly record struct StateCounters(long Rows, long Writes, long PayloadBytes)
{
    public static StateCounters operator -(StateCounters a, StateCounters b) =>
        new(a.Rows - b.Rows, a.Writes - b.Writes, a.PayloadBytes - b.PayloadBytes);
}

/// <summary>
/// What PostgreSQL has counted so far: row changes per table, grain-state writes per grain type, WAL and commits, and
/// reminder row changes (exact, from a sequence).
/// </summary>
public sealed record StorageSnapshot(
    IReadOnlyDictionary<string, TableCounters> Tables,
    IReadOnlyDictionary<string, StateCounters> States,
    long WalRecords,
    long WalBytes,
    long WalSyncs,
    long Commits,
    long ReminderRowChanges)
{
    /// <summary>Whether the workload's published counters are the same (membership heartbeats go on regardless).</summary>
    public bool SameCountersAs(StorageSnapshot other) =>
        Workload(Tables).SequenceEqual(Workload(other.Tables));

    private static IEnumerable<KeyValuePair<string, TableCounters>> Workload(IReadOnlyDictionary<string, TableCounters> tables) =>
        tables.Where(t => !StorageDelta.IsClusterHousekeeping(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal);

    /// <summary>This snapshot minus an earlier one.</summary>
    public StorageDelta Since(StorageSnapshot before) => new(
        Tables.ToDictionary(t => t.Key, t => t.Value - before.Tables.GetValueOrDefault(t.Key)),
        States.ToDictionary(s => s.Key, s => s.Value - before.States.GetValueOrDefault(s.Key)),
        WalRecords - before.WalRecords,
        WalBytes - before.WalBytes,
        WalSyncs - before.WalSyncs,
        Commits - before.Commits,
        ReminderRowChanges - before.ReminderRowChanges);
}

/// <summary>The difference between two snapshots: what one benchmark run wrote.</summary>
public sealed record StorageDelta(
    IReadOnlyDictionary<string, TableCounters> Tables,
    IReadOnlyDictionary<string, StateCounters> States,
    long WalRecords,
    long WalBytes,
    long WalSyncs,
    long Commits,
    long ReminderRowChanges)
{
    /// <summary>Tables the cluster writes to on its own, whatever the workload (heartbeats, membership).</summary>
    public static bool IsClusterHousekeeping(string table) => table.StartsWith("orleansmembership", StringComparison.Ordinal);

    /// <summary>Row changes in the tables the workload writes to.</summary>
    public long WorkloadRowChanges => Tables.Where(t => !IsClusterHousekeeping(t.Key)).Sum(t => t.Value.Total);

    /// <summary>Grain-state writes, exactly: the growth of the versions in orleansstorage.</summary>
    public long GrainStateWrites => States.Values.Sum(s => s.Writes);

    /// <summary>The workload's row writes, exactly: grain-state writes and reminder rows inserted, updated or deleted.</summary>
    public long RowWrites => GrainStateWrites + ReminderRowChanges;
}
