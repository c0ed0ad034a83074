using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MembershipTableTests(PostgresFixture fixture)
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-10);

    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}";
    private int _nextPort = 20000;

    [Fact]
    public async Task InitializeMembershipTable_Twice_CreatesOneVersionRowAtZero()
    {
        await CreateTable().InitializeMembershipTableAsync(true, default);
        await CreateTable().InitializeMembershipTableAsync(true, default);

        var data = await (await InitializedTableAsync()).ReadAllAsync(default);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
        Assert.Empty(data.Members);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(
            fixture.ConnectionString, "SELECT count(*) FROM orleansmembershipversiontable WHERE deploymentid = @id", ("id", _clusterId)));
    }

    [Fact]
    public async Task InsertMembershipVersionKey_RunTwice_ReturnsTrueThenFalse()
    {
        var first = await Sql.RunQueryKeyAsync(fixture.ConnectionString, "InsertMembershipVersionKey", Text("DeploymentId", _clusterId));
        var second = await Sql.RunQueryKeyAsync(fixture.ConnectionString, "InsertMembershipVersionKey", Text("DeploymentId", _clusterId));

        Assert.Equal(true, Assert.Single(Assert.Single(first)));
        Assert.Equal(false, Assert.Single(Assert.Single(second)));
    }

    [Fact]
    public async Task InsertRow_ReadVersion_SucceedsAndStoresEveryField()
    {
        var table = await InitializedTableAsync();
        var version = (await table.ReadAllAsync(default)).Version;
        var entry = NewEntry(SiloStatus.Joining, proxyPort: 30000);

        Assert.True(await table.InsertRowAsync(entry, version.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        var (stored, etag) = Assert.Single(data.Members);
        Assert.Equal("1", etag);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(
            (entry.SiloName, entry.HostName, entry.Status, entry.ProxyPort),
            (stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort));
        Assert.Equal(Microseconds(entry.StartTime), stored.StartTime);
        Assert.Equal(DateTimeKind.Utc, stored.StartTime.Kind);
        Assert.Equal(Microseconds(entry.IAmAliveTime), stored.IAmAliveTime);
        Assert.Empty(stored.SuspectTimes ?? []);

        var (rowEntry, _) = Assert.Single((await table.ReadRowAsync(entry.SiloAddress, default)).Members);
        Assert.Equal(entry.SiloAddress, rowEntry.SiloAddress);
    }

    [Fact]
    public async Task ReadRow_MissingMember_ReturnsVersionWithoutMembers()
    {
        var table = await InitializedTableAsync();
        await table.InsertRowAsync(NewEntry(SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default);

        var data = await table.ReadRowAsync(NewEntry(SiloStatus.Active).SiloAddress, default);

        Assert.Equal(1, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task InsertRow_StaleVersion_FailsAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        var stale = (await table.ReadAllAsync(default)).Version;
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Active), stale.Next(), default));

        Assert.False(await table.InsertRowAsync(NewEntry(SiloStatus.Active), stale.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task InsertRow_DuplicateMemberWithCurrentVersion_FailsAndKeepsVersion()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        Assert.False(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Single(data.Members);
    }

    [Fact]
    public async Task UpdateRow_CurrentThenStaleVersion_OnlyCurrentSucceeds()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        var (read, etag) = Assert.Single((await table.ReadAllAsync(default)).Members);
        var stale = (await table.ReadAllAsync(default)).Version;

        var suspector = NewEntry(SiloStatus.Active).SiloAddress;
        read.Status = SiloStatus.Dead;
        read.IAmAliveTime = read.IAmAliveTime.AddSeconds(5);
        read.AddOrUpdateSuspector(suspector, DateTime.UtcNow, 2);
        Assert.True(await table.UpdateRowAsync(read, etag, stale.Next(), default));

        var afterUpdate = await table.ReadAllAsync(default);
        Assert.Equal(2, afterUpdate.Version.Version);
        var (updated, newEtag) = Assert.Single(afterUpdate.Members);
        Assert.Equal(SiloStatus.Dead, updated.Status);
        Assert.Equal(suspector, Assert.Single(updated.SuspectTimes ?? []).Item1);
        Assert.Equal(Microseconds(read.IAmAliveTime), updated.IAmAliveTime);

        // The same update again with the version it was based on: stale now, must change nothing.
        updated.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRowAsync(updated, etag, stale.Next(), default));
        Assert.Equal(2, (await table.ReadAllAsync(default)).Version.Version);
        Assert.Equal(SiloStatus.Dead, Assert.Single((await table.ReadAllAsync(default)).Members).Item1.Status);
        Assert.Equal("2", newEtag);
    }

    [Fact]
    public async Task UpdateRow_MissingMember_FailsAndKeepsVersion()
    {
        var table = await InitializedTableAsync();
        var version = (await table.ReadAllAsync(default)).Version;

        Assert.False(await table.UpdateRowAsync(NewEntry(SiloStatus.Dead), version.VersionEtag, version.Next(), default));

        var data = await table.ReadAllAsync(default);
        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task UpdateIAmAlive_NewHeartbeat_StoresTimeWithoutBumpingVersion()
    {
        var table = await InitializedTableAsync();
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        entry.IAmAliveTime = entry.IAmAliveTime.AddMinutes(3);
        await table.UpdateIAmAliveAsync(entry, default);

        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(Microseconds(entry.IAmAliveTime), Assert.Single(data.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task InsertRow_EightSilosRacingWithSameVersion_ExactlyOneWins()
    {
        await CreateTable().InitializeMembershipTableAsync(true, default);
        var racers = new List<(AdoNetClusteringTable Table, TableVersion Version, MembershipEntry Entry)>();
        for (var i = 0; i < 8; i++)
        {
            // Each silo has its own provider instance and read the same version.
            var table = await InitializedTableAsync();
            racers.Add((table, (await table.ReadAllAsync(default)).Version, NewEntry(SiloStatus.Joining)));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inserts = racers.Select(async r =>
        {
            await start.Task;
            return await r.Table.InsertRowAsync(r.Entry, r.Version.Next(), default);
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(inserts);

        Assert.Single(outcomes, won => won);
        var data = await (await InitializedTableAsync()).ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(racers[Array.IndexOf(outcomes, true)].Entry.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task InsertRow_VersionBumpedWhileWaitingForLock_FailsAndInsertsNothing()
    {
        var table = await InitializedTableAsync();
        var version = (await table.ReadAllAsync(default)).Version;
        var entry = NewEntry(SiloStatus.Joining);

        var won = await WhileAnotherWriterBumpsTheVersionAsync(() => table.InsertRowAsync(entry, version.Next(), default));

        Assert.False(won);
        var data = await table.ReadAllAsync(default);
        Assert.Equal(1, data.Version.Version);
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task UpdateRow_VersionBumpedWhileWaitingForLock_FailsAndChangesNothing()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, NewEntry(SiloStatus.Active));
        var data = await table.ReadAllAsync(default);
        var (entry, etag) = Assert.Single(data.Members);
        entry.Status = SiloStatus.Dead;

        var won = await WhileAnotherWriterBumpsTheVersionAsync(() => table.UpdateRowAsync(entry, etag, data.Version.Next(), default));

        Assert.False(won);
        var after = await table.ReadAllAsync(default);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task GetGateways_MixedMembers_ListsOnlyActiveOnesWithProxyPort()
    {
        var table = await InitializedTableAsync();
        var gateway = NewEntry(SiloStatus.Active, proxyPort: 30001);
        var members = new[]
        {
            gateway,
            NewEntry(SiloStatus.Active, proxyPort: 0),
            NewEntry(SiloStatus.Joining, proxyPort: 30003),
            NewEntry(SiloStatus.ShuttingDown, proxyPort: 30004),
            NewEntry(SiloStatus.Dead, proxyPort: 30005),
        };
        foreach (var member in members)
        {
            Assert.True(await table.InsertRowAsync(member, (await table.ReadAllAsync(default)).Version.Next(), default));
        }

        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            fixture.Services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = fixture.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = PostgresFixture.ServiceId }));
        await provider.InitializeGatewayListProviderAsync(default);
        var gateways = await provider.GetGatewaysAsync(default);

        var expected = SiloAddress.New(gateway.SiloAddress.Endpoint.Address, gateway.ProxyPort, gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_WithPerRowKey_RemovesOnlyOldDeadRows()
    {
        var table = await InitializedTableAsync();
        var oldDead = await InsertAsync(table, NewEntry(SiloStatus.Dead, startTime: LongAgo));
        var oldDeadWithVotes = await InsertAsync(table, NewEntry(SiloStatus.Active, startTime: LongAgo));
        await DeclareDeadAsync(table, oldDeadWithVotes, voteTime: LongAgo);
        var recentDead = await InsertAsync(table, NewEntry(SiloStatus.Dead, startTime: DateTime.UtcNow.AddMinutes(-5)));
        var oldJoining = await InsertAsync(table, NewEntry(SiloStatus.Joining, startTime: LongAgo));
        var oldActive = await InsertAsync(table, NewEntry(SiloStatus.Active, startTime: LongAgo));
        var versionBefore = (await table.ReadAllAsync(default)).Version.Version;

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1), default);

        var data = await table.ReadAllAsync(default);
        Assert.Equal(versionBefore, data.Version.Version);
        Assert.Equal(
            new[] { recentDead, oldJoining, oldActive }.ToHashSet(),
            data.Members.Select(m => m.Item1.SiloAddress).ToHashSet());
        Assert.DoesNotContain(oldDead, data.Members.Select(m => m.Item1.SiloAddress));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesKey_BulkRule_KeepsRowsWithSuspectVotes()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, NewEntry(SiloStatus.Dead, startTime: LongAgo));
        var withVotes = await InsertAsync(table, NewEntry(SiloStatus.Active, startTime: LongAgo));
        await DeclareDeadAsync(table, withVotes, voteTime: LongAgo);
        var recentDead = await InsertAsync(table, NewEntry(SiloStatus.Dead, startTime: DateTime.UtcNow.AddMinutes(-5)));
        var oldJoining = await InsertAsync(table, NewEntry(SiloStatus.Joining, startTime: LongAgo));

        await Sql.RunQueryKeyAsync(
            fixture.ConnectionString,
            "CleanupDefunctSiloEntriesKey",
            Text("DeploymentId", _clusterId),
            Time("IAmAliveTime", DateTime.UtcNow.AddDays(-1)));

        var remaining = (await table.ReadAllAsync(default)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new[] { withVotes, recentDead, oldJoining }.ToHashSet(), remaining);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntryKey_RowChangedSinceRead_IsKept()
    {
        var table = await InitializedTableAsync();
        var address = await InsertAsync(table, NewEntry(SiloStatus.Dead, startTime: LongAgo));
        var (entry, _) = Assert.Single((await table.ReadRowAsync(address, default)).Members);
        await Sql.ExecuteAsync(
            fixture.ConnectionString,
            "UPDATE orleansmembershiptable SET suspecttimes = '' WHERE deploymentid = @id",
            ("id", _clusterId));

        async Task CleanupAsync(DateTime iAmAliveTime) => await Sql.RunQueryKeyAsync(
            fixture.ConnectionString,
            "CleanupDefunctSiloEntryKey",
            Text("DeploymentId", _clusterId),
            Text("Address", address.Endpoint.Address.ToString()),
            Integer("Port", address.Endpoint.Port),
            Integer("Generation", address.Generation),
            Time("StartTime", entry.StartTime),
            Time("IAmAliveTime", iAmAliveTime),
            Text("SuspectTimes", null));

        await CleanupAsync(entry.IAmAliveTime.AddSeconds(1));
        Assert.Single((await table.ReadAllAsync(default)).Members);

        // Unchanged row; the stored empty SuspectTimes matches the NULL the provider sends.
        await CleanupAsync(entry.IAmAliveTime);
        Assert.Empty((await table.ReadAllAsync(default)).Members);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_Cluster_RemovesMembersAndVersionRowOnlyOfThatCluster()
    {
        var table = await InitializedTableAsync();
        await InsertAsync(table, NewEntry(SiloStatus.Active));
        var other = new MembershipTableTests(fixture);
        var otherTable = await other.InitializedTableAsync();
        await InsertAsync(otherTable, other.NewEntry(SiloStatus.Active));

        await table.DeleteMembershipTableEntriesAsync(_clusterId, default);

        Assert.Equal(0L, await Sql.ScalarAsync<long>(
            fixture.ConnectionString,
            "SELECT (SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id) + " +
            "(SELECT count(*) FROM orleansmembershipversiontable WHERE deploymentid = @id)",
            ("id", _clusterId)));
        Assert.Single((await otherTable.ReadAllAsync(default)).Members);

        await table.InitializeMembershipTableAsync(true, default);
        var data = await table.ReadAllAsync(default);
        Assert.Equal(0, data.Version.Version);
        Assert.Empty(data.Members);
    }

    // Another silo holds the version row lock; our write starts, must wait for that lock, and the
    // other silo then bumps the version and commits. Deterministic, unlike a plain race.
    private async Task<bool> WhileAnotherWriterBumpsTheVersionAsync(Func<Task<bool>> write)
    {
        await using var other = new NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand(
            "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @id FOR UPDATE", other, transaction))
        {
            lockRow.Parameters.AddWithValue("id", _clusterId);
            await lockRow.ExecuteScalarAsync();
        }

        var writing = write();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Sql.ScalarAsync<long>(
                   fixture.ConnectionString,
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' " +
                   "AND query LIKE '%orleansmembershipversiontable%'") == 0)
        {
            Assert.False(writing.IsCompleted, "The membership write finished without waiting for the version row lock.");
            Assert.True(DateTime.UtcNow < deadline, "The membership write never waited for the version row lock.");
            await Task.Delay(10);
        }

        await using (var bump = new NpgsqlCommand(
            "UPDATE orleansmembershipversiontable SET version = version + 1 WHERE deploymentid = @id", other, transaction))
        {
            bump.Parameters.AddWithValue("id", _clusterId);
            await bump.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return await writing.WaitAsync(TimeSpan.FromSeconds(15));
    }

    private AdoNetClusteringTable CreateTable() =>
        new(
            fixture.Services,
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = PostgresFixture.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = fixture.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

    private async Task<AdoNetClusteringTable> InitializedTableAsync()
    {
        var table = CreateTable();
        await table.InitializeMembershipTableAsync(true, default);
        return table;
    }

    private MembershipEntry NewEntry(SiloStatus status, int proxyPort = 0, DateTime? startTime = null)
    {
        var start = startTime ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, Interlocked.Increment(ref _nextPort), 7_000_000 + _nextPort),
            SiloName = $"silo-{_nextPort}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = start,
            IAmAliveTime = start.AddSeconds(1),
        };
    }

    private static async Task<SiloAddress> InsertAsync(AdoNetClusteringTable table, MembershipEntry entry)
    {
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        return entry.SiloAddress;
    }

    private async Task DeclareDeadAsync(AdoNetClusteringTable table, SiloAddress address, DateTime voteTime)
    {
        var data = await table.ReadAllAsync(default);
        var (entry, etag) = data.Members.Single(m => m.Item1.SiloAddress.Equals(address));
        entry.Status = SiloStatus.Dead;
        entry.AddOrUpdateSuspector(NewEntry(SiloStatus.Active).SiloAddress, voteTime, 2);
        Assert.True(await table.UpdateRowAsync(entry, etag, data.Version.Next(), default));
    }

    // PostgreSQL keeps microseconds; .NET ticks are a tenth of that.
    private static DateTime Microseconds(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };

    private static NpgsqlParameter Time(string name, DateTime value) => new(name, NpgsqlDbType.TimestampTz) { Value = value };
}
