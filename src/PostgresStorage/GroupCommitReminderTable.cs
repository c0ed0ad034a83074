using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// Orleans' reminder rows in PostgreSQL's <c>orleansreminderstable</c>, written with group commit
/// (<see cref="GroupCommitter"/>): the registrations and removals that wait behind a commit in flight share the next
/// one. A workflow registers its recovery reminder at its start and removes it at its end, so under load these are
/// two writes per workflow that no longer cost a transaction each. Reads are single statements. Rows, ETags (the
/// row's version) and query texts are those of Orleans' ADO.NET reminder table, so either reads what the other wrote.
/// </summary>
public sealed partial class GroupCommitReminderTable(string serviceId, GroupCommitOptions options, ILogger<GroupCommitReminderTable> logger)
    : IReminderTable, IAsyncDisposable
{
    private const string Upsert = "UpsertReminderRowKey";
    private const string ReadGrain = "ReadReminderRowsKey";
    private const string ReadOne = "ReadReminderRowKey";
    private const string ReadRange = "ReadRangeRows1Key";
    private const string ReadWrappingRange = "ReadRangeRows2Key";
    private const string Delete = "DeleteReminderRowKey";
    private const string DeleteAll = "DeleteReminderRowsKey";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IReadOnlyDictionary<string, string>? _queries;
    private GroupCommitter? _committer;

    /// <summary>What the table has committed so far.</summary>
    public GroupCommitStatistics Statistics => _committer?.Statistics ?? default;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_committer is not null) return;
            await using (var connection = await OpenAsync())
                _queries = await StoredQueries.ReadAsync(connection, [Upsert, ReadGrain, ReadOne, ReadRange, ReadWrappingRange, Delete, DeleteAll], cancellationToken);
            _committer = new GroupCommitter(OpenAsync, options.MaxBatchRows, options.MaxBatchBytes);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_committer is { } committer) await committer.DisposeAsync();
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync(ReadGrain, p => ReminderRowParameters.AddKey(p, serviceId, grainId, null));

    /// <summary>The rows whose grain hash is in the ring range (begin, end]; begin = end is the whole ring.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The hashes are stored as signed integers; a range is the same range of the ring after that shift, and
        // wraps when its signed begin is not below its signed end.
        var (signedBegin, signedEnd) = (unchecked((int)begin), unchecked((int)end));
        return ReadAsync(signedBegin < signedEnd ? ReadRange : ReadWrappingRange, p =>
        {
            p.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Varchar) { Value = serviceId });
            p.Add(new NpgsqlParameter("BeginHash", NpgsqlDbType.Integer) { Value = signedBegin });
            p.Add(new NpgsqlParameter("EndHash", NpgsqlDbType.Integer) { Value = signedEnd });
        });
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await ReadAsync(ReadOne, p => ReminderRowParameters.AddKey(p, serviceId, grainId, reminderName))).Reminders.FirstOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var version = await WriteAsync(new ReminderUpsert(Query(Upsert), serviceId, entry), entry.GrainId, entry.ReminderName);
        return version?.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        // An ETag this table never gave (not a version) names no row of it.
        if (!int.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)) return false;
        return await WriteAsync(new ReminderRemoval(Query(Delete), serviceId, grainId, reminderName, version), grainId, reminderName) is not null;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(Query(DeleteAll), connection);
        command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Varchar) { Value = serviceId });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int?> WriteAsync(GroupedStatement write, GrainId grainId, string reminderName)
    {
        try
        {
            return await Committer.ExecuteAsync(write);
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, reminderName, grainId);
            throw;
        }
    }

    private async Task<ReminderTableData> ReadAsync(string queryKey, Action<NpgsqlParameterCollection> parameters)
    {
        try
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(Query(queryKey), connection);
            parameters(command.Parameters);
            var entries = new List<ReminderEntry>();
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(rows.GetString(0)),
                    ReminderName = rows.GetString(1),
                    StartAt = DateTime.SpecifyKind(rows.GetDateTime(2), DateTimeKind.Utc),
                    Period = TimeSpan.FromMilliseconds(rows.GetInt64(3)),
                    ETag = rows.GetInt32(4).ToString(CultureInfo.InvariantCulture),
                });
            }
            return new ReminderTableData(entries);
        }
        catch (Exception ex)
        {
            LogReadFailed(ex, queryKey);
            throw;
        }
    }

    private Task<NpgsqlConnection> OpenAsync() => StoredQueries.OpenAsync(options.ConnectionString);

    private string Query(string key) => (_queries ?? throw NotStarted())[key];

    private GroupCommitter Committer => _committer ?? throw NotStarted();

    private static InvalidOperationException NotStarted() => new("The reminder table is not started yet.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading reminders ({Query}) failed")]
    private partial void LogReadFailed(Exception ex, string query);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing reminder {ReminderName} of {GrainId} failed")]
    private partial void LogWriteFailed(Exception ex, string reminderName, GrainId grainId);
}
