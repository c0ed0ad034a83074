using Orleans.Runtime;

namespace MoviePipeline.Postgres.Tests;

/// <summary>The reminder table contract, for both tables that keep the silo's reminders in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderTableTests(PostgresFixture fixture)
{
    private static readonly GrainType TestGrainType = GrainType.Create("remindertest");

    // Far in the future, so the silo's own reminder service never fires these test rows.
    private static readonly DateTime StartAt = DateTime.UtcNow.AddDays(1);

    /// <summary>Orleans' ADO.NET reminder table, and ours with group commit: one contract, one table of rows.</summary>
    public static TheoryData<string> Tables => [PostgresFixture.AdoNetReminders, PostgresFixture.GroupCommitReminders];

    [Theory, MemberData(nameof(Tables))]
    public async Task UpsertRow_NewThenExisting_StoresFieldsAndChangesETag(string provider)
    {
        var table = fixture.ReminderTableOf(provider);
        var grainId = NewGrainId();
        var firstETag = await table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));
        var first = await table.ReadRow(grainId, "tick");
        Assert.NotNull(first);
        Assert.Equal(firstETag, first.ETag);
        Assert.Equal(grainId, first.GrainId);
        Assert.Equal(TimeSpan.FromMinutes(1), first.Period);
        Assert.Equal(Microseconds(StartAt), first.StartAt);

        // Longer than int milliseconds: the provider sends a bigint.
        var longPeriod = TimeSpan.FromDays(30);
        var secondETag = await table.UpsertRow(Entry(grainId, "tick", longPeriod));

        Assert.NotEqual(firstETag, secondETag);
        var second = await table.ReadRow(grainId, "tick");
        Assert.NotNull(second);
        Assert.Equal(secondETag, second.ETag);
        Assert.Equal(longPeriod, second.Period);
        Assert.Single((await table.ReadRows(grainId)).Reminders);
    }

    [Theory, MemberData(nameof(Tables))]
    public async Task RemoveRow_StaleThenCurrentETag_OnlyCurrentDeletes(string provider)
    {
        var table = fixture.ReminderTableOf(provider);
        var grainId = NewGrainId();
        var staleETag = await table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));
        var currentETag = await table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(2)));
        Assert.NotNull(staleETag);
        Assert.NotNull(currentETag);

        Assert.False(await table.RemoveRow(grainId, "tick", staleETag));
        Assert.NotNull(await table.ReadRow(grainId, "tick"));

        Assert.True(await table.RemoveRow(grainId, "tick", currentETag));
        Assert.Null(await table.ReadRow(grainId, "tick"));
        Assert.False(await table.RemoveRow(grainId, "tick", currentETag));
    }

    [Theory, MemberData(nameof(Tables))]
    public async Task ReadRows_Grain_ReturnsOnlyThatGrainsReminders(string provider)
    {
        var table = fixture.ReminderTableOf(provider);
        var grainId = NewGrainId();
        var otherGrainId = NewGrainId();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await table.UpsertRow(Entry(grainId, name, TimeSpan.FromMinutes(1)));
        }

        await table.UpsertRow(Entry(otherGrainId, "a", TimeSpan.FromMinutes(1)));

        var names = (await table.ReadRows(grainId)).Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
        Assert.Equal(new[] { (grainId, "a"), (grainId, "b"), (grainId, "c") }.ToHashSet(), names);
        Assert.Null(await table.ReadRow(grainId, "missing"));
    }

    [Theory, MemberData(nameof(Tables))]
    public async Task UpsertRow_GrainIdLongerThan150Characters_RoundTrips(string provider)
    {
        var table = fixture.ReminderTableOf(provider);
        var grainId = GrainId.Create(TestGrainType, new string('x', 300));

        var etag = await table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));

        var stored = await table.ReadRow(grainId, "tick");
        Assert.NotNull(stored);
        Assert.Equal(etag, stored.ETag);
    }

    [Theory, MemberData(nameof(Tables))]
    public async Task ReadRows_HashRanges_MatchBruteForceRingFilter(string provider)
    {
        var table = fixture.ReminderTableOf(provider);
        await table.TestOnlyClearTable();
        var random = new Random(20240917);
        var entries = Enumerable.Range(0, 150).Select(i => Entry(NewGrainId(), $"r{i % 3}", TimeSpan.FromMinutes(5))).ToList();
        foreach (var entry in entries)
        {
            await table.UpsertRow(entry);
        }

        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).ToList();
        Assert.Contains(hashes, h => (int)h < 0);
        Assert.Contains(hashes, h => (int)h > 0);

        // Stored as the provider's signed int, or the signed range queries would be wrong.
        var stored = (await Sql.RowsAsync(
                fixture.ConnectionString,
                "SELECT DISTINCT grainid, grainhash FROM orleansreminderstable WHERE serviceid = @service",
                ("service", PostgresFixture.ServiceId)))
            .ToDictionary(r => (string)r[0]!, r => (int)r[1]!);
        Assert.All(entries, e => Assert.Equal((int)e.GrainId.GetUniformHashCode(), stored[e.GrainId.ToString()]));

        var ranges = new List<(uint Begin, uint End)>
        {
            (0, 0),
            (uint.MaxValue, uint.MaxValue),
            (0, uint.MaxValue),
            (uint.MaxValue, 0),
            (int.MaxValue - 1000u, int.MaxValue + 1000u), // crosses the signed sign boundary
            (int.MaxValue + 1000u, int.MaxValue - 1000u), // the wrapping complement
            (hashes[0], hashes[0]),                       // begin = end: the whole ring
            (hashes[1], hashes[2]),                       // exact entry hashes: begin excluded, end included
            (hashes[2], hashes[1]),
        };
        for (var i = 0; i < 30; i++)
        {
            ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in ranges)
        {
            var expected = entries
                .Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end))
                .Select(e => (e.GrainId, e.ReminderName))
                .ToHashSet();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
            Assert.True(expected.SetEquals(actual), $"Range ({begin}, {end}]: expected {expected.Count} reminders, read {actual.Count}.");
        }
    }

    // The ring range (begin, end], wrapping past uint.MaxValue when begin >= end (equal: whole ring).
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId NewGrainId() => GrainId.Create(TestGrainType, Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grainId, string name, TimeSpan period) =>
        new() { GrainId = grainId, ReminderName = name, StartAt = StartAt, Period = period };

    private static DateTime Microseconds(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);
}
