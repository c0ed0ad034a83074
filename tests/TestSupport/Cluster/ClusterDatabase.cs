using Npgsql;
using Orleans.Runtime;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// Reads what the cluster stored, straight from PostgreSQL and without touching any grain:
/// membership rows, the version of a grain state row (one per write) and the reminders.
/// </summary>
/// <remarks>The cluster id doubles as the service id (see <see cref="LocalCluster"/>), which keys state and reminders.</remarks>
public sealed class ClusterDatabase(string connectionString, string clusterId)
{
    public string ConnectionString { get; } = connectionString;

    public string ClusterId { get; } = clusterId;

    public async Task<IReadOnlyList<MembershipRow>> MembershipAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT address, port, generation, status, proxyport, iamalivetime
            FROM orleansmembershiptable WHERE deploymentid = @cluster ORDER BY starttime
            """, connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new MembershipRow(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), (SiloStatus)reader.GetInt32(3), reader.GetInt32(4),
                reader.GetDateTime(5)));
        }

        return rows;
    }

    /// <summary>The newest incarnation on <paramref name="siloPort"/>, or null if none joined yet.</summary>
    public async Task<MembershipRow?> SiloAsync(int siloPort, CancellationToken ct = default) =>
        (await MembershipAsync(ct)).Where(r => r.Port == siloPort).MaxBy(r => r.Generation);

    /// <summary>
    /// Versions of one kind of grain state (the state name, e.g. <c>workflow</c> or <c>trailer</c>)
    /// by integer grain key: the provider bumps the version once per write.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, int>> StateVersionsAsync(string stateName, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT grainidn1, version FROM orleansstorage
            WHERE serviceid = @service AND graintypestring = @state AND grainidn0 = 0 AND grainidextensionstring IS NULL
            """, connection);
        command.Parameters.AddWithValue("service", ClusterId);
        command.Parameters.AddWithValue("state", stateName);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new Dictionary<long, int>();
        while (await reader.ReadAsync(ct))
        {
            versions[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        return versions;
    }

    /// <summary>The version of one grain's state row, or null when it was never written.</summary>
    public async Task<int?> StateVersionAsync(string stateName, long grainKey, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT version FROM orleansstorage
            WHERE serviceid = @service AND graintypestring = @state AND grainidn0 = 0 AND grainidn1 = @key
              AND grainidextensionstring IS NULL
            """, connection);
        command.Parameters.AddWithValue("service", ClusterId);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("key", grainKey);
        return await command.ExecuteScalarAsync(ct) is int version ? version : null;
    }

    /// <summary>How many reminders are registered (a running workflow keeps one).</summary>
    public async Task<long> ReminderCountAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansreminderstable WHERE serviceid = @service", connection);
        command.Parameters.AddWithValue("service", ClusterId);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Connections the cluster's processes hold open to its database (this reader's own not counted).</summary>
    public async Task<long> ConnectionCountAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name <> @mine", connection);
        command.Parameters.AddWithValue("mine", ApplicationName);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    // The name this class's connections give the server, so that they can be told from the cluster's.
    private const string ApplicationName = "moviepipeline-tests";

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        // Unpooled: tests restart the server under this reader, and a pooled connection would outlive the server it
        // was opened to (the next read fails on a dead socket). A reader opens seldom enough. Built here, not in the
        // constructor: some tests hand the cluster a malformed connection string on purpose.
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = ApplicationName, Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
