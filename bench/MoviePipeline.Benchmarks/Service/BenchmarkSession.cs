using MoviePipeline.Benchmarks.Database;
using MoviePipeline.Benchmarks.Memory;
using MoviePipeline.Benchmarks.Orchestration;
using MoviePipeline.Benchmarks.StatusLoad;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>
/// What the service benchmarks share in one run of this program: the PostgreSQL server, the running
/// service (started on first use), a folder for the processes' logs, and the projects made so far.
/// </summary>
public sealed class BenchmarkSession : IAsyncDisposable
{
    private RunningService? _service;

    private BenchmarkSession(BenchmarkDatabase database, string logDirectory, BenchmarkOptions options, TextWriter log)
    {
        Database = database;
        LogDirectory = logDirectory;
        Options = options;
        Log = log;
    }

    public BenchmarkDatabase Database { get; }

    /// <summary>Logs of the silo, gateway and load generator processes (kept after the run).</summary>
    public string LogDirectory { get; }

    public BenchmarkOptions Options { get; }

    public TextWriter Log { get; }

    /// <summary>Ids of projects whose workflows completed in this session, oldest first.</summary>
    public List<long> CompletedProjects { get; } = [];

    public OrchestrationResults? Orchestration { get; set; }

    public StatusLoadResults? StatusLoad { get; set; }

    public IReadOnlyList<MemoryRun>? Memory { get; set; }

    public PgbenchResults? Pgbench { get; set; }

    public static async Task<BenchmarkSession> StartAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var logDirectory = Path.Combine(Path.GetTempPath(), $"moviepipeline-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(logDirectory);
        log.WriteLine($"Starting a throwaway PostgreSQL server (durable settings); process logs go to {logDirectory}...");
        var database = await BenchmarkDatabase.StartAsync(cancellationToken);
        return new BenchmarkSession(database, logDirectory, options, log);
    }

    /// <summary>The running silo (and gateway), started on first use.</summary>
    public async Task<RunningService> ServiceAsync(CancellationToken cancellationToken)
    {
        _service ??= await RunningService.StartAsync(Database, LogDirectory, withGateway: true, Log, cancellationToken);
        return _service;
    }

    /// <summary>Stops silo and gateway (the database stays), e.g. so that pgbench has the machine to itself.</summary>
    public async Task StopServiceAsync()
    {
        if (_service is null) return;
        await _service.DisposeAsync();
        _service = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        await Database.DisposeAsync();
    }
}
