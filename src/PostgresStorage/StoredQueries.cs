using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// Query texts as the schema keeps them in <c>orleansquery</c> (the ones Orleans' ADO.NET providers run), so that a
/// migration that changes them changes them for both providers; and connections from the silo's one pool.
/// </summary>
internal static class StoredQueries
{
    /// <summary>The texts of <paramref name="keys"/>, each one statement without its closing semicolon (a statement of a batch must stand alone).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery WHERE querykey = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken)) texts[rows.GetString(0)] = rows.GetString(1).Trim().TrimEnd(';').Trim();
        }

        foreach (var key in keys)
        {
            if (!texts.ContainsKey(key))
                throw new InvalidOperationException($"The database has no query text '{key}' in orleansquery: apply the schema (MoviePipeline.Silo migrate).");
        }
        return texts;
    }

    // Connections come from Npgsql's pool for the connection string, shared with the other providers of the silo: one
    // budget of connections per process (Database:MaxPoolSize).
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
