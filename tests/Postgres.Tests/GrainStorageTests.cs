using Orleans.Runtime;
using Orleans.Storage;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class GrainStorageTests(PostgresFixture fixture)
{
    private static readonly GrainType TestGrainType = GrainType.Create("storagetest");

    /// <summary>Orleans' ADO.NET provider and our group-commit provider must keep the same contract on the same rows.</summary>
    public static TheoryData<string> Storages => [PostgresFixture.DefaultStorage, PostgresFixture.GroupCommitStorage];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task WriteStateAsync_EachKeyKind_RoundTripsInItsOwnRow(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var stateName = UniqueStateName();
        var guid = Guid.NewGuid();
        var keys = new (GrainId Id, long N0, long N1, string? Extension)[]
        {
            (GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(guid)),
                BitConverter.ToInt64(guid.ToByteArray(), 0), BitConverter.ToInt64(guid.ToByteArray(), 8), null),
            (GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
                BitConverter.ToInt64(guid.ToByteArray(), 0), BitConverter.ToInt64(guid.ToByteArray(), 8), "ext"),
            (GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(42)), 0, 42, null),
            (GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(42, "ext")), 0, 42, "ext"),
            (GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateIntegerKey(-7)), 0, -7, null),
            (GrainId.Create(TestGrainType, "project-42"), 0, 0, "project-42"),
        };

        for (var i = 0; i < keys.Length; i++)
        {
            var handle = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync(stateName, keys[i].Id, handle);
            Assert.Null(handle.ETag);
            Assert.False(handle.RecordExists);

            handle.State = new CounterState { Count = i, Note = "first" };
            await storage.WriteStateAsync(stateName, keys[i].Id, handle);
            Assert.Equal("1", handle.ETag);
            handle.State = new CounterState { Count = i, Note = $"second {i}" };
            await storage.WriteStateAsync(stateName, keys[i].Id, handle);
            Assert.Equal("2", handle.ETag);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var fresh = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync(stateName, keys[i].Id, fresh);
            Assert.True(fresh.RecordExists);
            Assert.Equal("2", fresh.ETag);
            var state = Assert.IsType<CounterState>(fresh.State);
            Assert.Equal((i, $"second {i}"), (state.Count, state.Note));
        }

        var rows = await Sql.RowsAsync(
            fixture.ConnectionString,
            "SELECT grainidn0, grainidn1, grainidextensionstring, version, serviceid FROM orleansstorage WHERE graintypestring = @name",
            ("name", stateName));
        var stored = rows.Select(r => ((long)r[0]!, (long)r[1]!, (string?)r[2], (int)r[3]!, (string)r[4]!)).ToHashSet();
        var expected = keys.Select(k => (k.N0, k.N1, k.Extension, 2, PostgresFixture.ServiceId)).ToHashSet();
        Assert.Equal(expected, stored);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateAndKeepsRow(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(stateName, grainId, first);
        var second = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, grainId, second);
        Assert.Equal("1", second.ETag);

        first.State = new CounterState { Count = 2 };
        await storage.WriteStateAsync(stateName, grainId, first);
        Assert.Equal("2", first.ETag);

        second.State = new CounterState { Count = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(stateName, grainId, second));
        Assert.Equal("1", second.ETag);

        var reread = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, grainId, reread);
        Assert.Equal(2, Assert.IsType<CounterState>(reread.State).Count);
        Assert.Equal("2", reread.ETag);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task WriteStateAsync_NoETagOverExistingRow_IsConflict(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        await storage.WriteStateAsync(stateName, grainId, new GrainState<CounterState>(new CounterState { Count = 1 }));

        var blind = new GrainState<CounterState>(new CounterState { Count = 5 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(stateName, grainId, blind));
        Assert.Null(blind.ETag);

        var rows = await StateRowsAsync(stateName);
        Assert.Equal(1, Assert.Single(rows).Version);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task WriteStateAsync_EightConcurrentFirstWrites_ExactlyOneSucceedsAndOneRowExists(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 8).Select(async i =>
        {
            await start.Task;
            try
            {
                await storage.WriteStateAsync(stateName, grainId, new GrainState<CounterState>(new CounterState { Count = i }));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(writers);

        Assert.Single(outcomes, succeeded => succeeded);
        var row = Assert.Single(await StateRowsAsync(stateName));
        Assert.Equal(1, row.Version);
        var reread = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, grainId, reread);
        Assert.Equal("1", reread.ETag);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ClearStateAsync_KeepsRowWithoutPayload_NextWriteContinuesVersion(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        var handle = new GrainState<CounterState>(new CounterState { Count = 3 });
        await storage.WriteStateAsync(stateName, grainId, handle);
        await storage.WriteStateAsync(stateName, grainId, handle);

        await storage.ClearStateAsync(stateName, grainId, handle);
        Assert.Equal("3", handle.ETag);
        var row = Assert.Single(await StateRowsAsync(stateName));
        Assert.Equal((3, false), (row.Version, row.HasPayload));

        var reread = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(stateName, grainId, reread);
        Assert.False(reread.RecordExists);
        Assert.Equal("3", reread.ETag);
        Assert.Equal(0, Assert.IsType<CounterState>(reread.State).Count);

        reread.State = new CounterState { Count = 10 };
        await storage.WriteStateAsync(stateName, grainId, reread);
        Assert.Equal("4", reread.ETag);
        row = Assert.Single(await StateRowsAsync(stateName));
        Assert.Equal((4, true), (row.Version, row.HasPayload));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ClearStateAsync_StaleETag_ThrowsInconsistentState(string storageName)
    {
        var storage = fixture.GrainStorage(storageName);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        var handle = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(stateName, grainId, handle);
        var stale = new GrainState<CounterState>(new CounterState(), "1");
        await storage.WriteStateAsync(stateName, grainId, handle);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(stateName, grainId, stale));
        var row = Assert.Single(await StateRowsAsync(stateName));
        Assert.Equal((2, true), (row.Version, row.HasPayload));
    }

    [Fact]
    public async Task ClearStateAsync_DeleteStateOnClear_RemovesRowAndNextWriteStartsAtOne()
    {
        var storage = fixture.GrainStorage(PostgresFixture.DeleteOnClearStorage);
        var (stateName, grainId) = (UniqueStateName(), NewGrainId());
        var handle = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(stateName, grainId, handle);
        await storage.WriteStateAsync(stateName, grainId, handle);

        await storage.ClearStateAsync(stateName, grainId, handle);
        Assert.Null(handle.ETag);
        Assert.Empty(await StateRowsAsync(stateName));

        await storage.WriteStateAsync(stateName, grainId, handle);
        Assert.Equal("1", handle.ETag);
    }

    private static string UniqueStateName() => $"state-{Guid.NewGuid():N}";

    private static GrainId NewGrainId() => GrainId.Create(TestGrainType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));

    private async Task<List<(int Version, bool HasPayload)>> StateRowsAsync(string stateName) =>
        (await Sql.RowsAsync(
            fixture.ConnectionString,
            "SELECT version, payloadbinary IS NOT NULL FROM orleansstorage WHERE graintypestring = @name",
            ("name", stateName)))
        .Select(r => ((int)r[0]!, (bool)r[1]!))
        .ToList();
}
