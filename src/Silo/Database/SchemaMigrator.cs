using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MoviePipeline.Silo.Database;

/// <summary>
/// Brings a PostgreSQL database up to the schema this build needs: applies the pending
/// <c>Database/Migrations/NNNN_name.sql</c> scripts in version order, each in its own transaction,
/// and records each in <c>schema_migrations</c>. Safe to run from several silos at once (an
/// advisory lock serialises them) and as often as wanted (applied scripts are skipped).
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The first release with UNIQUE NULLS NOT DISTINCT, which the grain state table relies on.</summary>
    public const int MinimumServerMajorVersion = 15;

    // Arbitrary, fixed for all time: every migrator of this project takes the same session lock.
    private const long MigrationLockKey = 0x4D50_5343_4845_4D41; // "MPSCHEMA"

    /// <summary>
    /// Applies the migrations embedded in this assembly that the database lacks.
    /// Returns the ids of the migrations applied by this call (e.g. <c>0001_orleans</c>), oldest first;
    /// empty if the schema was already up to date.
    /// </summary>
    /// <exception cref="DatabaseSetupException">The server is too old or a migration failed (it is rolled back).</exception>
    public static Task<IReadOnlyList<string>> ApplyAsync(string connectionString, ILogger? logger = null, CancellationToken ct = default) =>
        ApplyAsync(connectionString, EmbeddedMigrations.Load(), logger, ct);

    /// <summary>Applies the given migrations instead of the embedded ones (tests add synthetic later versions).</summary>
    internal static async Task<IReadOnlyList<string>> ApplyAsync(
        string connectionString, IEnumerable<SchemaMigration> migrations, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"Two migrations share version {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(m => m.Id))}.",
                nameof(migrations));
        }

        // A session-level advisory lock lives as long as the session: a private, unpooled
        // connection guarantees it is released even if unlocking fails.
        var builder = DatabaseStartup.ParseConnectionString(connectionString, "The migration connection string");
        builder.Pooling = false;
        var target = $"{builder.Host}:{builder.Port}/{builder.Database}";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseSetupException($"Cannot connect to PostgreSQL at {target} to migrate the schema: {e.Message}", e);
        }

        EnsureSupportedServer(connection, builder);
        try
        {
            await AcquireLockAsync(connection, logger, ct);
            try
            {
                await EnsureHistoryTableAsync(connection, ct);
                var applied = await ReadAppliedAsync(connection, ct);
                ReportDrift(ordered, applied, logger);

                var appliedNow = new List<string>();
                foreach (var migration in ordered.Where(m => !applied.ContainsKey(m.Version)))
                {
                    await ApplyOneAsync(connection, migration, logger, ct);
                    appliedNow.Add(migration.Id);
                }

                if (appliedNow.Count == 0 && ordered.Count > 0)
                {
                    DatabaseLog.SchemaUpToDate(logger, ordered[^1].Id);
                }

                return appliedNow;
            }
            finally
            {
                await ReleaseLockAsync(connection);
            }
        }
        catch (PostgresException e)
        {
            // Outside any one migration: no right to create schema_migrations, a lost connection, ...
            throw new DatabaseSetupException($"Schema migration of {target} failed: {Describe(e)}", e);
        }
    }

    private static void EnsureSupportedServer(NpgsqlConnection connection, NpgsqlConnectionStringBuilder builder)
    {
        if (connection.PostgreSqlVersion.Major < MinimumServerMajorVersion)
        {
            throw new DatabaseSetupException(
                $"PostgreSQL {MinimumServerMajorVersion} or newer is required; the server at {builder.Host}:{builder.Port} " +
                $"runs {connection.ServerVersion}.");
        }
    }

    private static async Task AcquireLockAsync(NpgsqlConnection connection, ILogger logger, CancellationToken ct)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", MigrationLockKey);
        if ((bool)(await tryLock.ExecuteScalarAsync(ct))!)
        {
            return;
        }

        DatabaseLog.WaitingForMigrationLock(logger);
        await using var waitLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
        waitLock.Parameters.AddWithValue("key", MigrationLockKey);
        await waitLock.ExecuteNonQueryAsync(ct);
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Closing the unpooled connection ends the session, which releases the lock anyway.
        }
    }

    private static async Task EnsureHistoryTableAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Under the lock, so concurrent first runs cannot race on creating it.
        const string sql = """
            CREATE TABLE IF NOT EXISTS schema_migrations
            (
                version    integer     NOT NULL PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """;
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            await using var create = new NpgsqlCommand(sql, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var read = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static void ReportDrift(List<SchemaMigration> known, Dictionary<int, (string Name, string Checksum)> applied, ILogger logger)
    {
        var byVersion = known.ToDictionary(m => m.Version);
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (!byVersion.TryGetValue(version, out var migration))
            {
                DatabaseLog.UnknownAppliedMigration(logger, version, name);
            }
            else if (migration.Checksum != checksum)
            {
                DatabaseLog.MigrationChangedAfterApply(logger, migration.Id);
            }
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, SchemaMigration migration, ILogger logger, CancellationToken ct)
    {
        DatabaseLog.ApplyingMigration(logger, migration.Id);
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            // Schema changes may take long on a big table: no command timeout, the caller's token bounds it.
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await script.ExecuteNonQueryAsync(ct);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new DatabaseSetupException(
                $"Database migration {migration.Id} failed and was rolled back: {Describe(e)}", e);
        }

        DatabaseLog.AppliedMigration(logger, migration.Id, stopwatch.ElapsedMilliseconds);
    }

    // What the server said, without a stack: the code, the message, and its detail and hint if any.
    private static string Describe(PostgresException e)
    {
        var text = $"{e.SqlState} {e.MessageText}";
        if (!string.IsNullOrEmpty(e.Detail))
        {
            text += $" Detail: {e.Detail}";
        }

        if (!string.IsNullOrEmpty(e.Hint))
        {
            text += $" Hint: {e.Hint}";
        }

        return text;
    }
}
