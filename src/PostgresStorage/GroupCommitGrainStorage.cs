using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// Grain state in PostgreSQL's <c>orleansstorage</c>, written with group commit (<see cref="GroupCommitter"/>); the
/// reads that wait behind a read in flight share the next round trip the same way (activations read their state).
/// Reads, clears and the stored rows are those of Orleans' ADO.NET provider: the same key columns, the query texts
/// the schema keeps in <c>orleansquery</c>, the version as ETag, and a stale write failing with
/// <see cref="InconsistentStateException"/>.
/// </summary>
public sealed partial class GroupCommitGrainStorage(
    string name,
    string serviceId,
    GroupCommitOptions options,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    ILogger<GroupCommitGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private GroupCommitter? _committer;
    private GroupCommitter? _reader;
    private StateQueries? _queries;

    /// <summary>What the storage has committed so far.</summary>
    public GroupCommitStatistics Statistics => _committer?.Statistics ?? default;

    /// <summary>The reads so far: round trips, rows asked for, and the most in one.</summary>
    public GroupCommitStatistics ReadStatistics => _reader?.Statistics ?? default;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(GroupCommitGrainStorage)}-{name}", options.InitStage, StartAsync, StopAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = new StateRead(Queries.Read, serviceId, StateRowKey.Of(stateName, grainId));
        try
        {
            if (await Reader.ExecuteAsync(read) is { } version)
            {
                // A cleared state keeps its row (and version) without a payload: it reads as not existing.
                var payload = read.Payload;
                grainState.State = payload is null ? NewState<T>() : serializer.Deserialize<T>(new BinaryData(payload));
                grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = payload is not null;
            }
            else
            {
                grainState.State = NewState<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }
        catch (Exception ex)
        {
            LogReadFailed(ex, stateName, grainId);
            throw;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = Version(grainState.ETag);
        var write = new StateWrite(Queries.Write, serviceId, StateRowKey.Of(stateName, grainId), expected, serializer.Serialize(grainState.State).ToArray());
        int? written;
        try
        {
            written = await Committer.ExecuteAsync(write);
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, stateName, grainId);
            throw;
        }

        if (written is not { } version) throw Conflict("WriteState", stateName, grainId, grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StateRowKey.Of(stateName, grainId);
        int? cleared;
        try
        {
            await using var connection = await OpenAsync();
            await using var command = new NpgsqlCommand(Queries.Clear, connection);
            StateRowParameters.AddKey(command.Parameters, key, serviceId);
            command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)Version(grainState.ETag) ?? DBNull.Value });
            cleared = await command.ExecuteScalarAsync() is int version ? version : null;
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, stateName, grainId);
            throw;
        }

        if (cleared is not { } newVersion) throw Conflict("ClearState", stateName, grainId, grainState.ETag);
        grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = NewState<T>();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync()) _queries = await StateQueries.ReadAsync(connection, cancellationToken);
        _committer = new GroupCommitter(OpenAsync, options.MaxBatchRows, options.MaxBatchBytes);
        _reader = new GroupCommitter(OpenAsync, options.MaxBatchRows, options.MaxBatchBytes, reads: true);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_committer is not null) await _committer.DisposeAsync();
        if (_reader is not null) await _reader.DisposeAsync();
    }

    private Task<NpgsqlConnection> OpenAsync() => StoredQueries.OpenAsync(options.ConnectionString);

    private GroupCommitter Committer => _committer ?? throw NotStarted();

    private GroupCommitter Reader => _reader ?? throw NotStarted();

    private StateQueries Queries => _queries ?? throw NotStarted();

    private InvalidOperationException NotStarted() => new($"Grain storage '{name}' is not started yet.");

    private static int? Version(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    private T NewState<T>() => activators.GetActivator<T>().Create();

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={etag}.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading grain state {StateName} of {GrainId} failed")]
    private partial void LogReadFailed(Exception ex, string stateName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing grain state {StateName} of {GrainId} failed")]
    private partial void LogWriteFailed(Exception ex, string stateName, GrainId grainId);
}
