using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// Makes writes (grain states, reminder rows: <see cref="GroupedStatement"/>) in shared transactions. A write that
/// arrives while no transaction is in flight starts one at once; the writes that arrive while one is in flight wait and
/// go together in the next, up to <see cref="GroupCommitOptions.MaxBatchRows"/> rows and
/// <see cref="GroupCommitOptions.MaxBatchBytes"/> bytes. So at low load a write costs what it always did, and under
/// load many writes share one commit (and one WAL flush). Made for reads (<c>reads: true</c>), it does the same without
/// a transaction of its own: the reads that wait share one round trip.
/// </summary>
/// <remarks>
/// Every write keeps its own version check: the statement updates the row only at the version the grain last saw (or
/// inserts it only when it is new), and a write that finds another version simply changes nothing, so it fails alone
/// and the others commit. No write is answered before the transaction that holds it has committed. A statement the
/// server refuses aborts its whole transaction; then each write of that batch is tried alone, so that only the
/// refused one fails. When the connection is lost, every write of the batch fails: whether the commit happened is
/// unknown, and the grain's next write (or read) finds out, as with a single write.
/// </remarks>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private static readonly Meter Meter = new("MoviePipeline", "1.0");
    private static readonly Histogram<int> BatchRows = Meter.CreateHistogram<int>(
        "moviepipeline.storage.commit.rows", unit: "{row}", description: "Row writes committed together in one transaction.");

    private readonly Channel<GroupedStatement> _queue = Channel.CreateUnbounded<GroupedStatement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<Task<NpgsqlConnection>> _open;
    private readonly int _maxRows;
    private readonly int _maxBytes;
    private readonly bool _reads;
    private readonly Task _committing;
    private NpgsqlConnection? _connection;
    private long _transactions;
    private long _rows;
    private int _largest;

    public GroupCommitter(Func<Task<NpgsqlConnection>> open, int maxRows, int maxBytes, bool reads = false)
    {
        _open = open;
        _maxRows = maxRows;
        _maxBytes = maxBytes;
        _reads = reads;
        _committing = Task.Run(CommitWhileWritesComeAsync);
    }

    /// <summary>What has been committed so far: transactions, rows, and the most rows in one.</summary>
    public GroupCommitStatistics Statistics => new(Interlocked.Read(ref _transactions), Interlocked.Read(ref _rows), Volatile.Read(ref _largest));

    /// <summary>Queues the statement; the task ends once its batch is through (committed, for writes) with its result.</summary>
    public Task<int?> ExecuteAsync(GroupedStatement statement)
    {
        if (!_queue.Writer.TryWrite(statement))
            statement.Failed(new InvalidOperationException("The storage is shutting down; the statement was not run."));
        return statement.Done;
    }

    /// <summary>Takes no more writes, and commits those already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _committing;
        await DropConnectionAsync();
    }

    private async Task CommitWhileWritesComeAsync()
    {
        var batch = new List<GroupedStatement>(_maxRows);
        while (await _queue.Reader.WaitToReadAsync())
        {
            long bytes = 0;
            while (batch.Count < _maxRows
                && _queue.Reader.TryPeek(out var next)
                && (batch.Count == 0 || bytes + next.Bytes <= _maxBytes)
                && _queue.Reader.TryRead(out next))
            {
                batch.Add(next);
                bytes += next.Bytes;
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<GroupedStatement> batch)
    {
        try
        {
            var versions = await WriteInOneTransactionAsync(batch);
            Counted(batch.Count);
            for (var i = 0; i < batch.Count; i++) batch[i].Committed(versions[i]);
        }
        catch (PostgresException ex) when (batch.Count > 1 && RefusedStatement(ex))
        {
            foreach (var write in batch)
            {
                try
                {
                    var version = (await WriteInOneTransactionAsync([write]))[0];
                    Counted(1);
                    write.Committed(version);
                }
                catch (Exception alone)
                {
                    write.Failed(alone);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var write in batch) write.Failed(ex);
        }
    }

    private async Task<int?[]> WriteInOneTransactionAsync(IReadOnlyList<GroupedStatement> writes)
    {
        var connection = await ConnectionAsync();
        try
        {
            return await RunAsync(connection, writes);
        }
        catch
        {
            // Broken, or refused in the middle of a transaction: the next batch starts on a new one.
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task<int?[]> RunAsync(NpgsqlConnection connection, IReadOnlyList<GroupedStatement> writes)
    {
        await using var transaction = _reads ? null : await connection.BeginTransactionAsync();
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes) statements.BatchCommands.Add(write.Statement());

        // One result per statement: its row (a new version), or no row when its version check failed.
        var versions = new int?[writes.Count];
        await using (var results = await statements.ExecuteReaderAsync())
        {
            var i = 0;
            do
            {
                versions[i] = await results.ReadAsync() ? writes[i].ResultOf(results) : null;
                i++;
            }
            while (await results.NextResultAsync());
        }

        if (transaction is not null) await transaction.CommitAsync();
        return versions;
    }

    // The committer keeps one connection from batch to batch (only its loop uses it): a connection taken from the pool
    // and given back each time costs a round of session reset statements on the server at its next use.
    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open) return open;
        await DropConnectionAsync();
        return _connection = await _open();
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    // Data, constraint, statement and rollback errors are one statement's (or one transaction's) trouble, and nothing
    // of the batch was committed; the connection and server classes (08, 53, 57, …) are everybody's.
    private static bool RefusedStatement(PostgresException ex) => ex.SqlState[..2] is "22" or "23" or "40" or "42";

    private void Counted(int rows)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _rows, rows);
        int largest;
        while (rows > (largest = Volatile.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, rows, largest) != largest)
        {
        }
        if (!_reads) BatchRows.Record(rows);
    }
}

/// <summary>Transactions committed, rows written in them, and the most rows one held.</summary>
public readonly record struct GroupCommitStatistics(long Transactions, long Rows, int LargestTransaction);
