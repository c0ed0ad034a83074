using MoviePipeline.TestSupport;
using Orleans.Runtime;

namespace MoviePipeline.Postgres.Tests;

/// <summary>
/// What group commit adds to the reminder table (ReminderTableTests holds the contract, for both tables): rows of either
/// table are the other's, and registrations and removals that wait behind a commit share the next one, each with its
/// own outcome.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitReminderTableTests(PostgresFixture fixture)
{
    private static readonly GrainType TestGrainType = GrainType.Create("groupcommitremindertest");

    // Far in the future, so the silo's own reminder service never fires these test rows.
    private static readonly DateTime StartAt = DateTime.UtcNow.AddDays(1);

    [Fact]
    public async Task Rows_WrittenByEitherTable_ReadUpdatedAndRemovedThroughTheOther()
    {
        var (adoNet, groupCommit) = (fixture.ReminderTable, fixture.GroupCommitReminderTable);

        var first = NewGrainId();
        var adoNetETag = await adoNet.UpsertRow(Entry(first, TimeSpan.FromMinutes(1)));
        var read = await groupCommit.ReadRow(first, "tick");
        Assert.NotNull(read);
        Assert.Equal((adoNetETag, TimeSpan.FromMinutes(1)), (read.ETag, read.Period));
        var ourETag = await groupCommit.UpsertRow(Entry(first, TimeSpan.FromMinutes(2)));
        Assert.Equal(ourETag, (await adoNet.ReadRow(first, "tick"))?.ETag); // the version carried on
        Assert.False(await adoNet.RemoveRow(first, "tick", adoNetETag!));
        Assert.True(await adoNet.RemoveRow(first, "tick", ourETag!));

        var second = NewGrainId();
        var etag = await groupCommit.UpsertRow(Entry(second, TimeSpan.FromMinutes(1)));
        Assert.Equal(etag, Assert.Single((await adoNet.ReadRows(second)).Reminders).ETag);
        Assert.True(await groupCommit.RemoveRow(second, "tick", etag!));
        Assert.Null(await adoNet.ReadRow(second, "tick"));
    }

    [Fact]
    public async Task WritesWaitingBehindACommit_ShareTheNextTransaction_AndAStaleRemovalFailsAlone()
    {
        var table = fixture.GroupCommitReminderTable;
        var (held, stale, removed, added) = (NewGrainId(), NewGrainId(), NewGrainId(), NewGrainId());
        var heldETag = await table.UpsertRow(Entry(held, TimeSpan.FromMinutes(1)));
        var staleETag = await table.UpsertRow(Entry(stale, TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(stale, TimeSpan.FromMinutes(2))); // staleETag is now a version behind
        var removedETag = await table.UpsertRow(Entry(removed, TimeSpan.FromMinutes(1)));
        var before = table.Statistics;

        Task<string?> first, second;
        Task<bool> third, fourth;
        await using (await RowLock.OnReminderRowAsync(fixture.ProviderConnectionString, PostgresFixture.ServiceId, held, "tick"))
        {
            first = table.UpsertRow(Entry(held, TimeSpan.FromMinutes(3)));
            await RowLock.WaitUntilSomeoneWaitsAsync(fixture.ProviderConnectionString);

            second = table.UpsertRow(Entry(added, TimeSpan.FromMinutes(1)));
            third = table.RemoveRow(stale, "tick", staleETag!);
            fourth = table.RemoveRow(removed, "tick", removedETag!);
            Assert.False(first.IsCompleted || second.IsCompleted || third.IsCompleted || fourth.IsCompleted, "nothing is answered before its commit");
        }

        var heldNow = await first.WaitAsync(Deadlines.Seconds(30));
        Assert.NotNull(await second.WaitAsync(Deadlines.Seconds(30)));
        Assert.False(await third.WaitAsync(Deadlines.Seconds(30)));
        Assert.True(await fourth.WaitAsync(Deadlines.Seconds(30)));

        var after = table.Statistics;
        Assert.Equal(2, after.Transactions - before.Transactions); // the held one, then the three that waited
        Assert.Equal(4, after.Rows - before.Rows);

        Assert.NotEqual(heldETag, heldNow);
        Assert.Equal(TimeSpan.FromMinutes(3), (await table.ReadRow(held, "tick"))?.Period);
        Assert.NotNull(await table.ReadRow(added, "tick"));
        Assert.Equal(TimeSpan.FromMinutes(2), (await table.ReadRow(stale, "tick"))?.Period); // the stale removal changed nothing
        Assert.Null(await table.ReadRow(removed, "tick"));
    }

    [Fact]
    public async Task RemoveRow_ETagThatIsNoVersion_RemovesNothing()
    {
        var table = fixture.GroupCommitReminderTable;
        var grainId = NewGrainId();
        await table.UpsertRow(Entry(grainId, TimeSpan.FromMinutes(1)));

        Assert.False(await table.RemoveRow(grainId, "tick", "not-a-version"));
        Assert.NotNull(await table.ReadRow(grainId, "tick"));
    }

    private static GrainId NewGrainId() => GrainId.Create(TestGrainType, Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grainId, TimeSpan period) =>
        new() { GrainId = grainId, ReminderName = "tick", StartAt = StartAt, Period = period };
}
