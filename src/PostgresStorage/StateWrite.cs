using Npgsql;
using NpgsqlTypes;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// One grain-state write: the row, the version the grain last saw (null for a first write) and the new payload.
/// Its result is the row's new version, or null when the row was not at <paramref name="expectedVersion"/> (another
/// activation wrote it).
/// </summary>
internal sealed class StateWrite(string sql, string serviceId, StateRowKey key, int? expectedVersion, byte[] payload) : GroupedStatement
{
    public override int Bytes => payload.Length;

    public override NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(sql);
        StateRowParameters.AddKey(statement.Parameters, key, serviceId);
        statement.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)expectedVersion ?? DBNull.Value });
        statement.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = payload });
        return statement;
    }

    public override int? ResultOf(NpgsqlDataReader row) => row.GetInt32(0);
}

/// <summary>
/// One grain-state read: its result is the row's version (null: no row), and <see cref="Payload"/> its state (null for
/// a cleared state, which keeps its row).
/// </summary>
internal sealed class StateRead(string sql, string serviceId, StateRowKey key) : GroupedStatement
{
    public byte[]? Payload { get; private set; }

    public override int Bytes => 0;

    public override NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(sql);
        StateRowParameters.AddKey(statement.Parameters, key, serviceId);
        return statement;
    }

    public override int? ResultOf(NpgsqlDataReader row)
    {
        Payload = row.IsDBNull(0) ? null : row.GetFieldValue<byte[]>(0);
        return row.GetInt32(1);
    }
}
