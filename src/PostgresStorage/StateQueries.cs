using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>The grain-state query texts (<see cref="StoredQueries"/>).</summary>
internal sealed record StateQueries(string Read, string Write, string Clear)
{
    public static async Task<StateQueries> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var texts = await StoredQueries.ReadAsync(connection, ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey"], cancellationToken);
        return new StateQueries(texts["ReadFromStorageKey"], texts["WriteToStorageKey"], texts["ClearStorageKey"]);
    }
}
