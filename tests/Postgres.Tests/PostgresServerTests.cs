using MoviePipeline.Silo.Database;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Postgres.Tests;

/// <summary>The fixture's own contract: restartable on the same data, waited for by the silo's start-up.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests
{
    [Fact]
    public async Task StopAndStartAsync_SameDataDirectory_KeepsDataAndStartupWaitsForIt()
    {
        string root;
        await using (var server = await PostgresServer.StartNewAsync())
        {
            root = server.RootDirectory;
            await Sql.ExecuteAsync(server.ConnectionString, "CREATE TABLE survivor (id integer); INSERT INTO survivor VALUES (7)");
            await server.StopAsync();
            Assert.False(server.IsRunning);

            var logger = new RecordingLogger();
            var options = new DatabaseStartupOptions { StartupTimeout = TimeSpan.FromSeconds(60), RetryDelay = TimeSpan.FromSeconds(0.2) };
            var waiting = DatabaseStartup.WaitForDatabaseAsync(server.ConnectionString, options, logger);
            await logger.WaitForAsync(line => line.Contains("is not accepting connections yet", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            Assert.False(waiting.IsCompleted);

            await server.StartAsync();
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(7, await Sql.ScalarAsync<int>(server.ConnectionString, "SELECT id FROM survivor"));
            Assert.Empty(await SchemaMigrator.ApplyAsync(server.ConnectionString));
        }

        Assert.False(Directory.Exists(root));
    }
}
