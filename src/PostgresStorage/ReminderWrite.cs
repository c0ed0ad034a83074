using Npgsql;
using NpgsqlTypes;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// A reminder row inserted or updated (<c>UpsertReminderRowKey</c>): its result is the row's new version, the
/// reminder's ETag.
/// </summary>
internal sealed class ReminderUpsert(string sql, string serviceId, ReminderEntry entry) : GroupedStatement
{
    // About the row's size: reminder rows are small, so MaxBatchRows is what bounds their batches.
    public override int Bytes => entry.ReminderName.Length + 200;

    public override NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(sql);
        ReminderRowParameters.AddKey(statement.Parameters, serviceId, entry.GrainId, entry.ReminderName);
        statement.Parameters.Add(new NpgsqlParameter("StartTime", NpgsqlDbType.TimestampTz) { Value = Utc(entry.StartAt) });
        statement.Parameters.Add(new NpgsqlParameter("Period", NpgsqlDbType.Bigint) { Value = (long)entry.Period.TotalMilliseconds });
        statement.Parameters.Add(new NpgsqlParameter("GrainHash", NpgsqlDbType.Integer) { Value = unchecked((int)entry.GrainId.GetUniformHashCode()) });
        return statement;
    }

    public override int? ResultOf(NpgsqlDataReader row) => row.GetInt32(0);

    private static DateTime Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

/// <summary>
/// A reminder row deleted at <paramref name="version"/>, the one its ETag names (<c>DeleteReminderRowKey</c>): 1 when
/// it was, null when the row was gone or at another version.
/// </summary>
internal sealed class ReminderRemoval(string sql, string serviceId, GrainId grainId, string reminderName, int version) : GroupedStatement
{
    public override int Bytes => reminderName.Length + 100;

    public override NpgsqlBatchCommand Statement()
    {
        var statement = new NpgsqlBatchCommand(sql);
        ReminderRowParameters.AddKey(statement.Parameters, serviceId, grainId, reminderName);
        statement.Parameters.Add(new NpgsqlParameter("Version", NpgsqlDbType.Integer) { Value = version });
        return statement;
    }

    public override int? ResultOf(NpgsqlDataReader row) => row.GetBoolean(0) ? 1 : null;
}

/// <summary>The key parameters of the reminder query texts, named as the texts in <c>orleansquery</c> name them.</summary>
internal static class ReminderRowParameters
{
    public static void AddKey(NpgsqlParameterCollection parameters, string serviceId, GrainId grainId, string? reminderName)
    {
        parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Varchar) { Value = serviceId });
        parameters.Add(new NpgsqlParameter("GrainId", NpgsqlDbType.Text) { Value = grainId.ToString() });
        if (reminderName is not null) parameters.Add(new NpgsqlParameter("ReminderName", NpgsqlDbType.Varchar) { Value = reminderName });
    }
}
