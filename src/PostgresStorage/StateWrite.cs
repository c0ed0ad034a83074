namespace MoviePipeline.PostgresStorage;

/// <summary>
/// One grain-state write waiting for its transaction: the row, the version the grain last saw (null for a first
/// write) and the new payload. Completed with the row's new version, or null when the row was not at
/// <see cref="ExpectedVersion"/> (another activation wrote it), once the transaction that holds it has committed.
/// </summary>
internal sealed class StateWrite(StateRowKey key, int? expectedVersion, byte[] payload)
{
    private readonly TaskCompletionSource<int?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateRowKey Key { get; } = key;

    public int? ExpectedVersion { get; } = expectedVersion;

    public byte[] Payload { get; } = payload;

    public Task<int?> Done => _done.Task;

    public void Committed(int? newVersion) => _done.TrySetResult(newVersion);

    public void Failed(Exception exception) => _done.TrySetException(exception);
}
