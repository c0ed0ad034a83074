using Npgsql;
using NpgsqlTypes;

namespace MoviePipeline.PostgresStorage;

/// <summary>The key parameters of the state query texts, named as the texts in <c>orleansquery</c> name them.</summary>
internal static class StateRowParameters
{
    public static void AddKey(NpgsqlParameterCollection parameters, StateRowKey key, string serviceId)
    {
        parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = key.GrainIdHash });
        parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = key.N0 });
        parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = key.N1 });
        parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = key.TypeHash });
        parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Varchar) { Value = key.TypeString });
        parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Varchar) { Value = (object?)key.Extension ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Varchar) { Value = serviceId });
    }
}
