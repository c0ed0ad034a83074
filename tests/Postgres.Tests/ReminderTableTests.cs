using Orleans.Runtime;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ReminderTableTests(PostgresFixture fixture)
{
    private static readonly GrainType TestGrainType = GrainType.Create("remindertest");

    // Far in the future, so the silo's own reminder service never fires these test rows.
    private static readonly DateTime StartAt = DateTime.UtcNow.AddDays(1);

    private IReminderTable Table => fixture.ReminderTable;

    [Fact]
    public async Task UpsertRow_NewThenExisting_StoresFieldsAndChangesETag()
    {
        var grainId = NewGrainId();
        var firstETag = await Table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));
        var first = await Table.ReadRow(grainId, "tick");
        Assert.NotNull(first);
        Assert.Equal(firstETag, first.ETag);
        Assert.Equal(grainId, first.GrainId);
        Assert.Equal(TimeSpan.FromMinutes(1), first.Period);
        Assert.Equal(Microseconds(StartAt), first.StartAt);

        // Longer than int milliseconds: the provider sends a bigint.
        var longPeriod = TimeSpan.FromDays(30);
        var secondETag = await Table.UpsertRow(Entry(grainId, "tick", longPeriod));

        Assert.NotEqual(firstETag, secondETag);
        var second = await Table.ReadRow(grainId, "tick");
        Assert.NotNull(second);
        Assert.Equal(secondETag, second.ETag);
        Assert.Equal(longPeriod, second.Period);
        Assert.Single((await Table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_StaleThenCurrentETag_OnlyCurrentDeletes()
    {
        var grainId = NewGrainId();
        var staleETag = await Table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));
        var currentETag = await Table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(2)));
        Assert.NotNull(staleETag);
        Assert.NotNull(currentETag);

        Assert.False(await Table.RemoveRow(grainId, "tick", staleETag));
        Assert.NotNull(await Table.ReadRow(grainId, "tick"));

        Assert.True(await Table.RemoveRow(grainId, "tick", currentETag));
        Assert.Null(await Table.ReadRow(grainId, "tick"));
        Assert.False(await Table.RemoveRow(grainId, "tick", currentETag));
    }

    [Fact]
    public async Task ReadRows_Grain_ReturnsOnlyThatGrainsReminders()
    {
        var grainId = NewGrainId();
        var otherGrainId = NewGrainId();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Table.UpsertRow(Entry(grainId, name, TimeSpan.FromMinutes(1)));
        }

        await Table.UpsertRow(Entry(otherGrainId, "a", TimeSpan.FromMinutes(1)));

        var names = (await Table.ReadRows(grainId)).Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
        Assert.Equal(new[] { (grainId, "a"), (grainId, "b"), (grainId, "c") }.ToHashSet(), names);
        Assert.Null(await Table.ReadRow(grainId, "missing"));
    }

    [Fact]
    public async Task UpsertRow_GrainIdLongerThan150Characters_RoundTrips()
    {
        var grainId = GrainId.Create(TestGrainType, new string('x', 300));

        var etag = await Table.UpsertRow(Entry(grainId, "tick", TimeSpan.FromMinutes(1)));

        var stored = await Table.ReadRow(grainId, "tick");
        Assert.NotNull(stored);
        Assert.Equal(etag, stored.ETag);
    }

    [Fact]
    public async Task ReadRows_HashRanges_MatchBruteForceRingFilter()
    {
        await Table.TestOnlyClearTable();
        var random = new Random(20240917);
        var entries = Enumerable.Range(0, 150).Select(i => Entry(NewGrainId(), $"r{i % 3}", TimeSpan.FromMinutes(5))).ToList();
        foreach (var entry in entries)
        {
            await Table.UpsertRow(entry);
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
            var actual = (await Table.ReadRows(begin, end)).Reminders.Select(r => (r.GrainId, r.ReminderName)).ToHashSet();
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
