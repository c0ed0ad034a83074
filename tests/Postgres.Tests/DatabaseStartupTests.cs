using Microsoft.Extensions.Configuration;
using MoviePipeline.Silo.Database;
using Orleans.Runtime;
using Orleans.Storage;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DatabaseStartupTests(PostgresFixture fixture)
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=not-a-number;Password=hunter2")]
    [InlineData("Host=127.0.0.1;Colour=blue;Password=hunter2")]
    [InlineData("just some words")]
    [InlineData("Port=5432;Password=hunter2")]
    public async Task PrepareAsync_MalformedConnectionString_NamesTheSettingWithoutLeakingIt(string connectionString)
    {
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", connectionString));

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseStartup.PrepareAsync(configuration));

        Assert.Contains("ConnectionStrings:MoviePipeline", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=movies;Username=app", 64)]
    [InlineData("Host=db;Database=movies;Username=app;Max Auto Prepare=5", 5)]
    [InlineData("Host=db;Database=movies;Username=app;max auto prepare=0", 0)]
    public void ApplyConnectionDefaults_FillsInAutoPrepareOnlyWhereNotSet(string connectionString, int expected)
    {
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", connectionString));

        DatabaseStartup.ApplyConnectionDefaults(configuration);

        var applied = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString("MoviePipeline"));
        Assert.Equal((expected, "db", "movies", "app"), (applied.MaxAutoPrepare, applied.Host, applied.Database, applied.Username));
    }

    [Theory]
    [InlineData("Host=db;Database=movies;Username=app", null, 20)]
    [InlineData("Host=db;Database=movies;Username=app", "8", 8)]
    [InlineData("Host=db;Database=movies;Username=app;Maximum Pool Size=50", "8", 50)]
    [InlineData("Host=db;Database=movies;Username=app;MaxPoolSize=30", null, 30)]
    public void ApplyConnectionDefaults_BoundsThePool_FromDatabaseMaxPoolSize_UnlessTheStringSetsIt(
        string connectionString, string? maxPoolSize, int expected)
    {
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", connectionString), ("Database:MaxPoolSize", maxPoolSize));

        DatabaseStartup.ApplyConnectionDefaults(configuration);

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString("MoviePipeline")).MaxPoolSize);
    }

    [Fact]
    public void ApplyConnectionDefaults_PoolOfOne_IsRefusedNamingTheSetting()
    {
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", "Host=db;Database=movies;Username=app"), ("Database:MaxPoolSize", "1"));

        var error = Assert.Throws<DatabaseSetupException>(() => DatabaseStartup.ApplyConnectionDefaults(configuration));

        Assert.Contains("Database:MaxPoolSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyConnectionDefaults_PreparedStatements_ServeTheStorageQueries()
    {
        // The fixture's providers run on the defaults: a write, read back more often than Npgsql's
        // threshold for preparing a statement, still returns what was written.
        var storage = fixture.GrainStorage(PostgresFixture.DefaultStorage);
        var grainId = GrainId.Create("preparetest", Guid.NewGuid().ToString("N"));
        var handle = new GrainState<CounterState>(new CounterState());
        for (var i = 1; i <= 12; i++)
        {
            handle.State = new CounterState { Count = i };
            await storage.WriteStateAsync("prepared", grainId, handle);
            var read = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync("prepared", grainId, read);
            Assert.Equal((i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (read.State!.Count, read.ETag));
        }
    }

    [Fact]
    public async Task PrepareAsync_NoConnectionStringAndNoAdoNetProvider_DoesNothing()
    {
        var configuration = Configuration(("Orleans:Clustering:ProviderType", "Development"));

        Assert.False(await DatabaseStartup.PrepareAsync(configuration));
    }

    [Fact]
    public async Task PrepareAsync_AdoNetStorageWithoutConnectionString_NamesTheSetting()
    {
        var configuration = Configuration(("Orleans:GrainStorage:Default:ProviderType", "AdoNet"));

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseStartup.PrepareAsync(configuration));

        Assert.Contains("ConnectionStrings:MoviePipeline is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_ReachableEmptyDatabase_AppliesSchema()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        var logger = new RecordingLogger();

        Assert.True(await DatabaseStartup.PrepareAsync(Configuration(("ConnectionStrings:MoviePipeline", connectionString)), logger));

        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
        Assert.Contains(logger.Lines, line => line.StartsWith("Applied database migration 0001_orleans", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrepareAsync_MigrationsDisabled_OnlyWaitsForServer()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", connectionString), ("Database:ApplyMigrations", "false"));

        Assert.True(await DatabaseStartup.PrepareAsync(configuration));

        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT to_regclass('schema_migrations') IS NOT NULL"));
    }

    [Fact]
    public async Task PrepareAsync_InvalidDatabaseOption_NamesTheSetting()
    {
        var configuration = Configuration(("ConnectionStrings:MoviePipeline", fixture.ConnectionString), ("Database:RetryDelay", "-00:00:01"));

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseStartup.PrepareAsync(configuration));

        Assert.Contains("Database:RetryDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForDatabaseAsync_NothingListening_LogsRetriesThenFailsClearly()
    {
        var port = LoopbackPort.Free();
        var logger = new RecordingLogger();
        var options = new DatabaseStartupOptions { StartupTimeout = TimeSpan.FromSeconds(1.5), RetryDelay = TimeSpan.FromSeconds(0.25) };

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(
            () => DatabaseStartup.WaitForDatabaseAsync($"Host=127.0.0.1;Port={port};Username=postgres", options, logger));

        Assert.Contains($"PostgreSQL at 127.0.0.1:{port} did not accept connections within 1.5 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:MoviePipeline", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            logger.Lines,
            line => line.StartsWith($"PostgreSQL at 127.0.0.1:{port} is not accepting connections yet; retrying in 0.25s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitForDatabaseAsync_UnknownRole_FailsAtOnceNamingTheUser()
    {
        var connectionString = fixture.ConnectionString.Replace("Username=postgres", "Username=nobody_here", StringComparison.Ordinal);
        var options = new DatabaseStartupOptions { StartupTimeout = TimeSpan.FromSeconds(30) };

        var error = await Assert.ThrowsAsync<DatabaseSetupException>(() => DatabaseStartup.WaitForDatabaseAsync(connectionString, options));

        Assert.Contains("rejected the login of user 'nobody_here'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
