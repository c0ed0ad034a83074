using Npgsql;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// One write waiting for a shared transaction (<see cref="GroupCommitter"/>): a single statement that answers with at
/// most one row. Completed once the transaction that holds it has committed, with what that row says (a new version),
/// or null when the statement found nothing to change (its version check failed).
/// </summary>
internal abstract class GroupedWrite
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
