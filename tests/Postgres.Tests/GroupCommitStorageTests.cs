using MoviePipeline.PostgresStorage;
using MoviePipeline.TestSupport;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace MoviePipeline.Postgres.Tests;

/// <summary>
/// What group commit adds to the storage contract (GrainStorageTests holds the rest, for both providers): writes that
/// wait behind a transaction in flight share the next one, each keeps its own version check, nothing is answered
/// before its commit, and a batch is bounded. A row lock held by another connection keeps a transaction in flight for
/// as long as a test needs.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitStorageTests(PostgresFixture fixture)
{
    private static readonly GrainType TestGrainType = GrainType.Create("groupcommittest");

    private GroupCommitGrainStorage Storage(string name = PostgresFixture.GroupCommitStorage) =>
        (GroupCommitGrainStorage)fixture.GrainStorage(name);

    [Fact]
    public async Task Rows_WrittenByEitherProvider_ReadAndContinueThroughTheOther()
    {
        var adoNet = fixture.GrainStorage(PostgresFixture.DefaultStorage);
        var groupCommit = Storage();
        var stateName = UniqueStateName();
        var keys = new[]
        {
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
            GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(-42)),
            GrainId.Create(TestGrainType, "a-string-key"),
        };

        foreach (var key in keys)
        {
            var handle = new GrainState<CounterState>(new CounterState { Count = 1 });
            await adoNet.WriteStateAsync(stateName, key, handle);

            // Found by the key columns and hashes Orleans' provider computed, and its version carried on.
            var read = new GrainState<CounterState>(new CounterState());
            await groupCommit.ReadStateAsync(stateName, key, read);
            Assert.True(read.RecordExists);
            Assert.Equal(("1", 1), (read.ETag, read.State!.Count));
            read.State!.Count = 2;
            await groupCommit.WriteStateAsync(stateName, key, read);
            Assert.Equal("2", read.ETag);

            var back = new GrainState<CounterState>(new CounterState());
            await adoNet.ReadStateAsync(stateName, key, back);
            Assert.Equal(("2", 2), (back.ETag, back.State!.Count));
        }

        Assert.Equal(keys.Length, (await StateRowsAsync(stateName)).Count);
    }

    [Fact]
    public async Task WritesWaitingBehindACommit_ShareTheNextTransaction_AndAStaleOneFailsAlone()
    {
        var storage = Storage();
        var stateName = UniqueStateName();
        var (held, fresh1, stale, fresh2) = (NewGrainId(), NewGrainId(), NewGrainId(), NewGrainId());
        var heldState = await WrittenAsync(storage, stateName, held);
        var staleState = await WrittenAsync(storage, stateName, stale);
        var outdated = new GrainState<CounterState>(new CounterState { Count = 99 }, staleState.ETag);
        staleState.State!.Count = 2;
        await storage.WriteStateAsync(stateName, stale, staleState); // "outdated" is now a version behind
        var before = storage.Statistics;

        Task first, second, third, fourth;
        await using (await RowLock.OnStateRowAsync(fixture.ProviderConnectionString, stateName, held))
        {
            first = storage.WriteStateAsync(stateName, held, heldState);
            await RowLock.WaitUntilSomeoneWaitsAsync(fixture.ProviderConnectionString);

            second = storage.WriteStateAsync(stateName, fresh1, new GrainState<CounterState>(new CounterState { Count = 1 }));
            third = storage.WriteStateAsync(stateName, stale, outdated);
            fourth = storage.WriteStateAsync(stateName, fresh2, new GrainState<CounterState>(new CounterState { Count = 1 }));
            Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted || fourth.IsCompleted, "nothing is answered before its commit");
        }

        await first.WaitAsync(Deadlines.Seconds(30));
        await second.WaitAsync(Deadlines.Seconds(30));
        await Assert.ThrowsAsync<InconsistentStateException>(() => third.WaitAsync(Deadlines.Seconds(30)));
        await fourth.WaitAsync(Deadlines.Seconds(30));

        var after = storage.Statistics;
        Assert.Equal(2, after.Transactions - before.Transactions); // the held one, then the three that waited
        Assert.Equal(4, after.Rows - before.Rows);
        Assert.True(after.LargestTransaction >= 3, $"the largest transaction held {after.LargestTransaction} rows");

        var rows = await StateRowsAsync(stateName);
        Assert.Equal([(held, 2), (fresh1, 1), (stale, 2), (fresh2, 1)], new[] { held, fresh1, stale, fresh2 }.Select(id => (id, rows[Key(id)])));
        var staleRow = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, stale, staleRow);
        Assert.Equal(2, staleRow.State!.Count); // the stale write changed nothing
    }

    [Fact]
    public async Task ConnectionLostBeforeTheCommit_WriteFails_RowUnchanged_AndTheSameWriteThenHolds()
    {
        var storage = Storage();
        var stateName = UniqueStateName();
        var grainId = NewGrainId();
        var handle = await WrittenAsync(storage, stateName, grainId);
        handle.State!.Count = 2;

        Task write;
        await using (await RowLock.OnStateRowAsync(fixture.ProviderConnectionString, stateName, grainId))
        {
            write = storage.WriteStateAsync(stateName, grainId, handle);
            await RowLock.WaitUntilSomeoneWaitsAsync(fixture.ProviderConnectionString);
            // The server ends the writer's session in the middle of its transaction, as a crash of PostgreSQL would.
            await Sql.ExecuteAsync(fixture.ConnectionString,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => write.WaitAsync(Deadlines.Seconds(30)));
            Assert.IsNotType<InconsistentStateException>(failure);
        }

        Assert.Equal("1", handle.ETag);
        var row = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, grainId, row);
        Assert.Equal(("1", 1), (row.ETag, row.State!.Count));

        await storage.WriteStateAsync(stateName, grainId, handle); // the grain's retry
        Assert.Equal("2", handle.ETag);
    }

    [Fact]
    public async Task ReadsWaitingBehindARead_ShareTheNextRoundTrip_EachWithItsOwnRow()
    {
        var storage = Storage();
        var stateName = UniqueStateName();
        var (first, second, missing) = (NewGrainId(), NewGrainId(), NewGrainId());
        await WrittenAsync(storage, stateName, first);
        var secondState = await WrittenAsync(storage, stateName, second);
        secondState.State!.Count = 7;
        await storage.WriteStateAsync(stateName, second, secondState);
        var before = storage.ReadStatistics;

        var reads = new[] { first, first, second, missing }.Select(_ => new GrainState<CounterState>(new CounterState())).ToArray();
        var pending = new List<Task>();
        await using (await RowLock.OnStateTableAsync(fixture.ProviderConnectionString))
        {
            pending.Add(storage.ReadStateAsync(stateName, first, reads[0]));
            await RowLock.WaitUntilSomeoneWaitsAsync(fixture.ProviderConnectionString);
            pending.Add(storage.ReadStateAsync(stateName, first, reads[1]));
            pending.Add(storage.ReadStateAsync(stateName, second, reads[2]));
            pending.Add(storage.ReadStateAsync(stateName, missing, reads[3]));
            Assert.False(pending.Any(read => read.IsCompleted), "no read is answered before its round trip");
        }

        await Task.WhenAll(pending).WaitAsync(Deadlines.Seconds(30));
        var after = storage.ReadStatistics;
        Assert.Equal(2, after.Transactions - before.Transactions); // the held one, then the three that waited
        Assert.Equal(4, after.Rows - before.Rows);
        Assert.Equal([("1", 1, true), ("1", 1, true), ("2", 7, true), (null, 0, false)],
            reads.Select(r => (r.ETag, r.State!.Count, r.RecordExists)));
    }

    [Fact]
    public async Task ManyWritesWaiting_GoInTransactionsOfAtMostTheConfiguredRows()
    {
        var storage = Storage(PostgresFixture.GroupCommitTwoRowsStorage);
        var stateName = UniqueStateName();
        var held = NewGrainId();
        var heldState = await WrittenAsync(storage, stateName, held);
        var before = storage.Statistics;

        var writes = new List<Task>();
        await using (await RowLock.OnStateRowAsync(fixture.ProviderConnectionString, stateName, held))
        {
            writes.Add(storage.WriteStateAsync(stateName, held, heldState));
            await RowLock.WaitUntilSomeoneWaitsAsync(fixture.ProviderConnectionString);
            for (var i = 0; i < 5; i++)
                writes.Add(storage.WriteStateAsync(stateName, NewGrainId(), new GrainState<CounterState>(new CounterState { Count = i })));
        }

        await Task.WhenAll(writes).WaitAsync(Deadlines.Seconds(30));
        var after = storage.Statistics;
        Assert.Equal(6, after.Rows - before.Rows);
        Assert.Equal(4, after.Transactions - before.Transactions); // 1 held, then 2 + 2 + 1
        Assert.Equal(2, after.LargestTransaction);
        Assert.Equal(6, (await StateRowsAsync(stateName)).Count);
    }

    private static async Task<GrainState<CounterState>> WrittenAsync(IGrainStorage storage, string stateName, GrainId grainId)
    {
        var handle = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(stateName, grainId, handle);
        return handle;
    }

    private static string UniqueStateName() => $"state-{Guid.NewGuid():N}";

    private static GrainId NewGrainId() => GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));

    private static (long, long) Key(GrainId id)
    {
        var bytes = id.GetGuidKey().ToByteArray();
        return (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
    }

    private async Task<Dictionary<(long, long), int>> StateRowsAsync(string stateName) =>
        (await Sql.RowsAsync(fixture.ConnectionString,
            "SELECT grainidn0, grainidn1, version FROM orleansstorage WHERE graintypestring = @name", ("name", stateName)))
        .ToDictionary(r => ((long)r[0]!, (long)r[1]!), r => (int)r[2]!);
}
