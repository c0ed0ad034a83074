using System.Globalization;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;

namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// Where each test gets its own cluster of real processes (<see cref="LocalCluster"/>): one throwaway PostgreSQL
/// server for the run, and for every cluster its own empty database (the silos apply the schema at start, as in
/// production), cluster id and log folder. The in-process test clusters are MoviePipeline.Tests' ClusterFixture.
/// </summary>
public sealed class LocalClusters : IAsyncLifetime
{
    private PostgresServer? _server;
    private int _clusters;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Where the processes' output is kept: bin/&lt;Configuration&gt;/net10.0/cluster-logs/&lt;run&gt;/&lt;test&gt;.</summary>
    public string LogRoot { get; } = Path.Combine(
        AppContext.BaseDirectory, "cluster-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    public async Task<LocalCluster> NewClusterAsync(string name, IReadOnlyDictionary<string, string?>? siloSettings = null)
    {
        var number = Interlocked.Increment(ref _clusters);
        var connectionString = await Server.CreateDatabaseAsync($"cluster_{number}", applySchema: false);
        return new LocalCluster(connectionString, $"{name}-{number}", Path.Combine(LogRoot, name), siloSettings);
    }

    public async Task InitializeAsync()
    {
        // Keep the logs of the last few runs only.
        var runs = new DirectoryInfo(Path.GetDirectoryName(LogRoot)!);
        if (runs.Exists)
        {
            foreach (var old in runs.GetDirectories().OrderByDescending(d => d.Name, StringComparer.Ordinal).Skip(4))
            {
                old.Delete(recursive: true);
            }
        }

        _server = await PostgresServer.StartNewAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
