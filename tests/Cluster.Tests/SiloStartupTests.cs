using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using Xunit.Abstractions;

namespace MoviePipeline.Cluster.Tests;

/// <summary>What a person starting a silo sees when the database is wrong or not there yet.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloStartupTests(LocalClusters fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Start_MalformedConnectionString_StopsNamingTheSetting()
    {
        await using var cluster = new LocalCluster(
            "Host=127.0.0.1;Port=not-a-number;Username=postgres", "bad-connection", Path.Combine(fixture.LogRoot, "bad-connection"));

        var silo = cluster.LaunchSilo();

        Assert.NotEqual(0, await silo.Process.WaitForExitAsync(Timeouts.Phase));
        Assert.Contains(silo.Process.Lines, line => line.Contains("ConnectionStrings:MoviePipeline is not a valid PostgreSQL connection string", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Orleans:GrainStorage:Default")]
    [InlineData("Orleans:Reminders")]
    public async Task Start_GroupCommitSettingNotANumber_StopsNamingTheSetting(string section)
    {
        await using var cluster = await fixture.NewClusterAsync("bad-batch-rows-" + section.Split(':')[1].ToLowerInvariant());
        var silo = cluster.LaunchSilo(new Dictionary<string, string?> { [$"{section}:MaxBatchRows"] = "many" });

        Assert.Equal(1, await silo.Process.WaitForExitAsync(Timeouts.Phase));
        Assert.Contains(silo.Process.Lines, line =>
            line.Contains("Configuration error", StringComparison.Ordinal)
            && line.Contains($"{section}:MaxBatchRows must be a whole number from 1 to 10000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NothingListening_RetriesThenStopsNamingTheSetting()
    {
        await using var cluster = new LocalCluster(
            $"Host=127.0.0.1;Port={FreePort()};Username=postgres", "no-server", Path.Combine(fixture.LogRoot, "no-server"));

        var silo = cluster.LaunchSilo(new Dictionary<string, string?>
        {
            ["Database:StartupTimeout"] = "00:00:03",
            ["Database:RetryDelay"] = "00:00:00.500",
        });

        Assert.NotEqual(0, await silo.Process.WaitForExitAsync(Timeouts.Phase));
        Assert.Contains(silo.Process.Lines, line => line.Contains("is not accepting connections yet; retrying in 0.5s", StringComparison.Ordinal));
        Assert.Contains(silo.Process.Lines, line =>
            line.Contains("did not accept connections within 3 s", StringComparison.Ordinal)
            && line.Contains("ConnectionStrings:MoviePipeline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DatabaseNotUpYet_WaitsAndJoinsOnceItIs()
    {
        await using var server = await PostgresServer.StartNewAsync();
        await server.StopAsync();
        await using var cluster = new LocalCluster(server.ConnectionString, "late-database", Path.Combine(fixture.LogRoot, "late-database"));
        output.WriteLine($"Logs: {cluster.LogDirectory}");

        var launched = cluster.LaunchSilo(new Dictionary<string, string?> { ["Database:RetryDelay"] = "00:00:00.500" });
        var retrying = await launched.Process.WaitForLineAsync(
            line => line.Contains("is not accepting connections yet; retrying", StringComparison.Ordinal), Timeouts.Phase, "a retry line");
        output.WriteLine(retrying);
        await server.StartAsync();

        var silo = await cluster.WaitUntilActiveAsync(launched);
        var api = await cluster.StartGatewayAsync();
        var id = await api.CreateProjectAsync("Late");
        await api.StartAsync(id);
        await api.WaitForCompletedAsync(id, Timeouts.Completion);
        Assert.False(silo.Process.HasExited);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
