using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// The state query texts as the schema keeps them in <c>orleansquery</c> (the ones Orleans' ADO.NET provider runs), so
/// that a migration that changes them changes them for both providers.
/// </summary>
internal sealed record StateQueries(string Read, string Write, string Clear)
{
    public static async Task<StateQueries> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT querykey, querytext FROM orleansquery WHERE querykey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey')", connection);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken)) texts[rows.GetString(0)] = rows.GetString(1);
        }

        return new StateQueries(Text("ReadFromStorageKey"), Text("WriteToStorageKey"), Text("ClearStorageKey"));

        // One statement each, without the closing semicolon: a statement of a batch must stand alone.
        string Text(string key) => texts.TryGetValue(key, out var text)
            ? text.Trim().TrimEnd(';').Trim()
            : throw new InvalidOperationException($"The database has no query text '{key}' in orleansquery: apply the schema (MoviePipeline.Silo migrate).");
    }
}
