using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MoviePipeline.TestSupport.Cluster;
using Orleans.Configuration;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>
/// The service as scripts/run.sh runs it, on a benchmark's database: one silo process (the real
/// src/Silo binary with its appsettings.json: grain state and reminders with group commit and clustering on PostgreSQL,
/// and <c>Pipeline:Media=None</c>), optionally the gateway process on a loopback port, and this
/// program connected to the silo as an Orleans client.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    // The silo's appsettings.json names the cluster so; a client must say the same.
    private const string ClusterId = "moviepipeline";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(20);

    private readonly BenchmarkDatabase _database;
    private readonly string _logDirectory;
    private readonly TextWriter _log;
    private readonly IReadOnlyDictionary<string, string?> _siloSettings;
    private int _siloStarts;
    private IHost? _clientHost;

    private RunningService(BenchmarkDatabase database, string logDirectory, TextWriter log, IReadOnlyDictionary<string, string?>? siloSettings)
    {
        _database = database;
        _logDirectory = logDirectory;
        _log = log;
        _siloSettings = siloSettings ?? new Dictionary<string, string?>();
    }

    public ServiceProcess Silo { get; private set; } = null!;

    public ServiceProcess? Gateway { get; private set; }

    /// <summary>The gateway's base address (http://127.0.0.1:PORT/), or null without a gateway.</summary>
    public Uri? GatewayUrl { get; private set; }

    public IClusterClient Client { get; private set; } = null!;

    public BenchmarkDatabase Database => _database;

    /// <param name="siloSettings">Settings for the silo on top of the benchmarks' own (e.g. <c>Pipeline:Media</c>), by key.</param>
    public static async Task<RunningService> StartAsync(
        BenchmarkDatabase database, string logDirectory, bool withGateway, TextWriter log, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? siloSettings = null)
    {
        var service = new RunningService(database, logDirectory, log, siloSettings);
        try
        {
            await service.StartSiloAsync(cancellationToken);
            if (withGateway) await service.StartGatewayAsync(cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the silo gracefully and starts a fresh one (new process, empty memory) on the same database.</summary>
    public async Task RestartSiloAsync(CancellationToken cancellationToken)
    {
        await StopClientAsync();
        await StopAsync(Silo);
        await StartSiloAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Gateway);
        await StopClientAsync();
        await StopAsync(Silo);
    }

    /// <summary>Gracefully first (a silo leaves the cluster and hands its grains over); killed when that takes too long.</summary>
    private static async Task StopAsync(ServiceProcess? process)
    {
        if (process is null) return;
        try
        {
            await process.StopAsync(GracefulStopTimeout);
        }
        catch (TimeoutException)
        {
            // Killed by StopAsync; the log says so.
        }

        await process.DisposeAsync();
    }

    private async Task StartSiloAsync(CancellationToken cancellationToken)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var n = ++_siloStarts;
        _log.WriteLine($"Starting silo #{n} (silo port {siloPort}, gateway port {gatewayPort})...");
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__MoviePipeline"] = _database.ConnectionString,
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            // The provider configuration for orchestration benchmarks: phases that understand the script and make no media.
            ["Pipeline__Media"] = "None",
        };
        foreach (var (key, value) in _siloSettings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        Silo = ServiceProcess.Start($"silo-{n}", RepositoryLayout.SiloDll, [], environment, Path.Combine(_logDirectory, $"silo-{n}.log"));

        var deadline = DateTime.UtcNow + StartTimeout;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ClusterId;
            });
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                if (Silo.HasExited || DateTime.UtcNow > deadline) return false;
                await Task.Delay(500, ct);
                return true;
            });
        });
        _clientHost = builder.Build();
        try
        {
            await _clientHost.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Could not connect to the silo ({ex.Message}). Silo log {Silo.LogFile}:\n{Silo.Tail()}", ex);
        }

        Client = _clientHost.Services.GetRequiredService<IClusterClient>();
        await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
    }

    /// <summary>The database, and the test accounts' settings: one administrator, and room for the benchmark's load.</summary>
    private Dictionary<string, string?> GatewayEnvironment()
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__MoviePipeline"] = _database.ConnectionString };
        foreach (var (key, value) in MoviePipeline.TestSupport.TestAccounts.GatewaySettings)
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return environment;
    }

    private async Task StartGatewayAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        GatewayUrl = new Uri($"http://127.0.0.1:{port}/");
        _log.WriteLine($"Starting the gateway on {GatewayUrl}...");
        Gateway = ServiceProcess.Start("gateway", RepositoryLayout.GatewayDll, ["--urls", GatewayUrl.ToString().TrimEnd('/')],
            GatewayEnvironment(),
            Path.Combine(_logDirectory, "gateway.log"));

        using var http = new HttpClient { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/system/health", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, but not answering yet.
            }

            if (Gateway.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The gateway did not come up. Gateway log {Gateway.LogFile}:\n{Gateway.Tail()}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task StopClientAsync()
    {
        if (_clientHost is null) return;
        try
        {
            await _clientHost.StopAsync(CancellationToken.None);
        }
        finally
        {
            _clientHost.Dispose();
            _clientHost = null;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
