using MoviePipeline.TestSupport;
using Npgsql;
using Orleans.Runtime;

namespace MoviePipeline.Postgres.Tests;

/// <summary>
/// A lock on one row (or a table), held by a transaction of its own until disposed (then rolled back): a write of that
/// row waits on it, and so keeps its group-commit transaction in flight for as long as a test needs.
/// </summary>
internal sealed class RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    /// <summary>Locks a grain-state row (GUID key) of <c>orleansstorage</c>.</summary>
    public static Task<RowLock> OnStateRowAsync(string connectionString, string stateName, GrainId grainId)
    {
        var bytes = grainId.GetGuidKey().ToByteArray();
        return TakeAsync(connectionString,
            "SELECT version FROM orleansstorage WHERE graintypestring = @name AND grainidn0 = @n0 AND grainidn1 = @n1 FOR UPDATE",
            ("name", stateName), ("n0", BitConverter.ToInt64(bytes, 0)), ("n1", BitConverter.ToInt64(bytes, 8)));
    }

    /// <summary>Locks a reminder row of <c>orleansreminderstable</c>.</summary>
    public static Task<RowLock> OnReminderRowAsync(string connectionString, string serviceId, GrainId grainId, string reminderName) =>
        TakeAsync(connectionString,
            "SELECT version FROM orleansreminderstable WHERE serviceid = @service AND grainid = @grain AND remindername = @name FOR UPDATE",
            ("service", serviceId), ("grain", grainId.ToString()), ("name", reminderName));

    /// <summary>Locks the whole grain-state table, so that even a read of it waits.</summary>
    public static Task<RowLock> OnStateTableAsync(string connectionString) =>
        TakeAsync(connectionString, "LOCK TABLE orleansstorage IN ACCESS EXCLUSIVE MODE");

    /// <summary>Waits, with a deadline, until a session of this database waits for a lock: the write is in flight.</summary>
    public static async Task WaitUntilSomeoneWaitsAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow + Deadlines.Seconds(30);
        while (await Sql.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No write came to wait on the held row lock.");
            await Task.Delay(20); // between looks at pg_stat_activity, which has no notification
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.State == System.Data.ConnectionState.Open) await transaction.RollbackAsync();
        await connection.DisposeAsync();
    }

    private static async Task<RowLock> TakeAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var row = await command.ExecuteScalarAsync();
        if (parameters.Length > 0) Assert.NotNull(row); // the row to lock exists
        return new RowLock(connection, transaction);
    }
}
