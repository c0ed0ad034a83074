using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// One statement waiting to go with others in one round trip (<see cref="GroupCommitter"/>): a write, or a read, that
/// answers with at most one row. Completed once the batch that holds it is through (for writes: committed), with what
/// that row says (a version), or null when there was no row (a write's version check failed, a read found nothing).
/// </summary>
internal abstract class GroupedStatement
{
    private readonly TaskCompletionSource<int?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What it adds to a transaction's size, counted against <see cref="GroupCommitOptions.MaxBatchBytes"/>.</summary>
    public abstract int Bytes { get; }

    /// <summary>The statement, made anew for each transaction it is tried in.</summary>
    public abstract NpgsqlBatchCommand Statement();

    /// <summary>The outcome read from the statement's row.</summary>
    public abstract int? ResultOf(NpgsqlDataReader row);

    public Task<int?> Done => _done.Task;

    public void Committed(int? result) => _done.TrySetResult(result);

    public void Failed(Exception exception) => _done.TrySetException(exception);
}
