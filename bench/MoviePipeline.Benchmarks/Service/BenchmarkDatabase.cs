using System.Globalization;
using MoviePipeline.TestSupport;
using Npgsql;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>
/// The throwaway PostgreSQL server of a benchmark run (tests/TestSupport's <see cref="PostgresServer"/>),
/// switched to the durability the embedded server of scripts/run.sh has: the test server starts with
/// fsync and full-page writes off, so both go back on (ALTER SYSTEM, reloaded), and synchronous_commit
/// stays at its default, on. Every commit therefore waits for its WAL to reach the disk.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private BenchmarkDatabase(PostgresServer server) => _server = server;

    public string ConnectionString => _server.ConnectionString;

    public int Port => _server.Port;

    public string DataDirectory => _server.DataDirectory;

    /// <summary>The durability settings in force, as PostgreSQL reports them.</summary>
    public string Durability { get; private set; } = "";

    public string ServerVersion { get; private set; } = "";

    public static async Task<BenchmarkDatabase> StartAsync(CancellationToken cancellationToken)
    {
        var server = await PostgresServer.StartNewAsync(cancellationToken);
        var database = new BenchmarkDatabase(server);
        try
        {
            await database.MakeDurableAsync(cancellationToken);
            return database;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another database on the same server (no schema), e.g. for pgbench.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken) =>
        _server.CreateDatabaseAsync(name, applySchema: false, cancellationToken);

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Running workflows hold a recovery reminder; the count falls to zero when all have finished.</summary>
    public Task<long> CountRemindersAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT count(*) FROM orleansreminderstable", cancellationToken);

    /// <summary>
    /// The write counters, once PostgreSQL has published them. A backend publishes its table, WAL and commit
    /// statistics at most once a second while busy, and about ten seconds after it goes idle; the silo's storage
    /// keeps its connections, so after a run this waits until the workload's counters have not moved for
    /// <paramref name="quiet"/> (at most that plus 20 s). Grain-state writes (versions) and reminder row changes
    /// (a sequence, see <see cref="CountReminderChangesAsync"/>) are exact whenever they are read.
    /// </summary>
    public async Task<StorageSnapshot> SnapshotAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        await CountReminderChangesAsync(cancellationToken);
        var previous = await ReadSnapshotAsync(cancellationToken);
        var unchangedSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow + quiet + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow - unchangedSince < quiet && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000), cancellationToken);
            var current = await ReadSnapshotAsync(cancellationToken);
            if (!current.SameCountersAs(previous)) unchangedSince = DateTime.UtcNow;
            previous = current;
        }

        return previous;
    }

    private bool _countingReminders;

    /// <summary>
    /// Counts every insert, update and delete of a reminder row in a sequence (a trigger of this benchmark's database,
    /// not of the service's schema): exact at once, unlike pg_stat_user_tables. Made once the silo has made the table.
    /// </summary>
    private async Task CountReminderChangesAsync(CancellationToken cancellationToken)
    {
        if (_countingReminders) return;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            CREATE SEQUENCE IF NOT EXISTS bench_reminder_row_changes;
            CREATE OR REPLACE FUNCTION bench_count_reminder_row_change() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN PERFORM nextval('bench_reminder_row_changes'); RETURN NULL; END $$;
            DROP TRIGGER IF EXISTS bench_count_reminder_row_changes ON orleansreminderstable;
            CREATE TRIGGER bench_count_reminder_row_changes AFTER INSERT OR UPDATE OR DELETE ON orleansreminderstable
                FOR EACH ROW EXECUTE FUNCTION bench_count_reminder_row_change();
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _countingReminders = true;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task MakeDurableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var sql in new[]
                 {
                     "ALTER SYSTEM SET fsync = on",
                     "ALTER SYSTEM SET full_page_writes = on",
                     "ALTER SYSTEM SET synchronous_commit = on",
                     "SELECT pg_reload_conf()",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // The reload is asynchronous: wait until this session sees the new values.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string settings;
        do
        {
            await Task.Delay(100, cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings " +
                "WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections')",
                connection);
            settings = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        while (!settings.Contains("fsync=on", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        if (!settings.Contains("fsync=on", StringComparison.Ordinal) || !settings.Contains("full_page_writes=on", StringComparison.Ordinal))
            throw new InvalidOperationException($"PostgreSQL did not switch to durable settings: {settings}.");
        Durability = settings.Replace("shared_buffers=16384", "shared_buffers=128MB", StringComparison.Ordinal);
        ServerVersion = connection.PostgreSqlVersion.ToString();
    }

    private async Task<StorageSnapshot> ReadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var tables = new Dictionary<string, TableCounters>();
        await using (var command = new NpgsqlCommand(
                         "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                tables[reader.GetString(0)] = new TableCounters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        var states = new Dictionary<string, StateCounters>();
        await using (var command = new NpgsqlCommand(
                         "SELECT graintypestring, count(*), coalesce(sum(version), 0), coalesce(sum(length(payloadbinary)), 0) " +
                         "FROM orleansstorage GROUP BY graintypestring", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                states[reader.GetString(0)] = new StateCounters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        long walRecords, walBytes, walSyncs, commits;
        await using (var command = new NpgsqlCommand(
                         "SELECT w.wal_records, w.wal_bytes::bigint, w.wal_sync, d.xact_commit " +
                         "FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            walRecords = reader.GetInt64(0);
            walBytes = reader.GetInt64(1);
            walSyncs = reader.GetInt64(2);
            commits = reader.GetInt64(3);
        }

        long reminderChanges;
        await using (var command = new NpgsqlCommand(
                         "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM bench_reminder_row_changes", connection))
            reminderChanges = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        return new StorageSnapshot(tables, states, walRecords, walBytes, walSyncs, commits, reminderChanges);
    }
}
