using MoviePipeline.Silo.Database;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresFixture fixture)
{
    private static readonly string[] ExpectedQueryKeys =
    [
        // clustering (CleanupDefunctSiloEntryKey is the optional per-row cleanup)
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        // grain state
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // reminders
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task ApplyAsync_EmptyDatabase_AppliesEmbeddedSchemaWithLowerCaseNames()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();

        var applied = await SchemaMigrator.ApplyAsync(connectionString);

        Assert.Equal(["0001_orleans"], applied);
        var keys = (await Sql.RowsAsync(connectionString, "SELECT querykey FROM orleansquery")).Select(r => (string)r[0]!);
        Assert.Equal(ExpectedQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var tables = (await Sql.RowsAsync(
                connectionString,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
            .Select(r => (string)r[0]!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            ["orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage", "schema_migrations"],
            tables);
        var history = Assert.Single(await Sql.RowsAsync(connectionString, "SELECT version, name, checksum FROM schema_migrations"));
        Assert.Equal((1, "orleans"), ((int)history[0]!, (string)history[1]!));
        Assert.Equal(64, ((string)history[2]!).Length);
    }

    [Fact]
    public async Task ApplyAsync_AlreadyMigratedDatabase_AppliesNothingAndKeepsData()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        await SchemaMigrator.ApplyAsync(connectionString);
        await Sql.ExecuteAsync(connectionString, ReminderInsert, ("grain", "keep/me"));

        var applied = await SchemaMigrator.ApplyAsync(connectionString);

        Assert.Empty(applied);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansreminderstable"));
        Assert.Equal((long)ExpectedQueryKeys.Length, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task ApplyAsync_FourSilosAtOnce_ApplyEachMigrationExactlyOnce()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(connectionString))));

        Assert.Equal(["0001_orleans"], results.SelectMany(r => r));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ApplyAsync_LaterMigration_UpgradesExistingDatabaseKeepingData()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        await SchemaMigrator.ApplyAsync(connectionString);
        await Sql.ExecuteAsync(connectionString, ReminderInsert, ("grain", "keep/me"));
        var upgrade = new SchemaMigration(2, "reminder_notes", """
            ALTER TABLE orleansreminderstable ADD COLUMN note text NOT NULL DEFAULT 'none';
            UPDATE orleansquery SET querytext = querytext || ' -- 0002' WHERE querykey = 'ReadReminderRowKey';
            """);

        var applied = await SchemaMigrator.ApplyAsync(connectionString, [.. Embedded(), upgrade]);

        Assert.Equal(["0002_reminder_notes"], applied);
        var row = Assert.Single(await Sql.RowsAsync(connectionString, "SELECT grainid, note FROM orleansreminderstable"));
        Assert.Equal(("keep/me", "none"), ((string)row[0]!, (string)row[1]!));
        Assert.EndsWith("-- 0002", await Sql.ScalarAsync<string>(
            connectionString, "SELECT querytext FROM orleansquery WHERE querykey = 'ReadReminderRowKey'"));
        Assert.Equal([1, 2], (await Sql.RowsAsync(connectionString, "SELECT version FROM schema_migrations ORDER BY version")).Select(r => (int)r[0]!));
        Assert.Empty(await SchemaMigrator.ApplyAsync(connectionString, [.. Embedded(), upgrade]));
    }

    [Fact]
    public async Task ApplyAsync_FailingMigration_RollsItBackAndNamesIt()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        await SchemaMigrator.ApplyAsync(connectionString);
        var broken = new SchemaMigration(2, "broken", "CREATE TABLE half_done (id integer);\nSELECT 1 / 0;\n");

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => SchemaMigrator.ApplyAsync(connectionString, [.. Embedded(), broken]));

        Assert.Contains("0002_broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("22012 division by zero", error.Message, StringComparison.Ordinal);
        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT to_regclass('half_done') IS NOT NULL"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));

        var fixedMigration = broken with { Sql = "CREATE TABLE half_done (id integer);" };
        Assert.Equal(["0002_broken"], await SchemaMigrator.ApplyAsync(connectionString, [.. Embedded(), fixedMigration]));
    }

    [Fact]
    public async Task ApplyAsync_DatabaseHasNewerMigration_AppliesNothingAndLogsIt()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        var newer = new SchemaMigration(9, "from_the_future", "CREATE TABLE future (id integer);");
        await SchemaMigrator.ApplyAsync(connectionString, [.. Embedded(), newer]);
        var logger = new RecordingLogger();

        var applied = await SchemaMigrator.ApplyAsync(connectionString, logger);

        Assert.Empty(applied);
        Assert.Contains(logger.Lines, line => line.Contains("0009_from_the_future", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_DuplicateVersions_ThrowsBeforeTouchingTheDatabase()
    {
        var duplicate = new SchemaMigration(1, "again", "SELECT 1;");

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => SchemaMigrator.ApplyAsync("Host=127.0.0.1;Port=1", [.. Embedded(), duplicate]));

        Assert.Contains("0001_again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_RoleWithoutCreateRight_FailsNamingTheDatabaseAndReason()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        await Sql.ExecuteAsync(connectionString, "DO $$ BEGIN CREATE ROLE reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        var asReader = connectionString.Replace("Username=postgres", "Username=reader", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => SchemaMigrator.ApplyAsync(asReader));

        Assert.Contains("Schema migration of 127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("42501 permission denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_NothingListening_FailsWithConnectMessage()
    {
        var error = await Assert.ThrowsAsync<DatabaseSetupException>(
            () => SchemaMigrator.ApplyAsync($"Host=127.0.0.1;Port={LoopbackPort.Free()};Username=postgres;Database=x"));

        Assert.StartsWith("Cannot connect to PostgreSQL at 127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_FixtureDatabase_IsAlreadyUpToDate()
    {
        Assert.Empty(await SchemaMigrator.ApplyAsync(fixture.ConnectionString));
    }

    [Fact]
    public void SchemaMigration_FromFile_RejectsNamesWithoutVersion()
    {
        var error = Assert.Throws<ArgumentException>(() => SchemaMigration.FromFile("orleans.sql", "SELECT 1;"));

        Assert.Contains("0002_short_name.sql", error.Message, StringComparison.Ordinal);
        Assert.Equal((3, "add_index"), (SchemaMigration.FromFile("0003_add_index.sql", "").Version, SchemaMigration.FromFile("0003_add_index.sql", "").Name));
    }

    private const string ReminderInsert = """
        INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
        VALUES ('svc', @grain, 'tick', now(), 60000, -5, 0)
        """;

    private static IReadOnlyList<SchemaMigration> Embedded() => EmbeddedMigrations.Load();
}
