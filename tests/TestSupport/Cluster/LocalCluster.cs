using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using MoviePipeline.Workflow;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// Silo processes and a gateway process on one PostgreSQL database, as <c>scripts/run.sh --silos N</c>
/// runs them: each silo on its own free ports, the gateway finding the silos through the database.
/// Each process's output is kept in <see cref="LogDirectory"/>. Disposing kills every process.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = new LocalCluster(server.ConnectionString, "test-1", logs,
///     new Dictionary&lt;string, string?&gt; { ["Pipeline:SimulatedPhaseDuration"] = "00:00:03" });
/// var silos = await cluster.StartSilosAsync(3);
/// var api = await cluster.StartGatewayAsync();
/// </code>
/// </example>
public sealed class LocalCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = Deadlines.Seconds(90);

    private readonly IReadOnlyDictionary<string, string?> _siloSettings;
    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, LocalSilo> _silos = [];
    private readonly SemaphoreSlim _clientLock = new(1, 1);
    private IHost? _client;
    private PipelineApi? _api;
    private int _nextSilo;

    /// <param name="connectionString">The database (with our schema, or empty: the silos migrate it).</param>
    /// <param name="clusterId">Used as cluster id and service id, so clusters on one database stay apart.</param>
    /// <param name="logDirectory">Where each process's output goes (<c>silo-0.log</c>, <c>gateway.log</c>, ...).</param>
    /// <param name="siloSettings">Configuration for every silo, by key (<c>Pipeline:SimulatedPhaseDuration</c>), on top of appsettings.json.</param>
    public LocalCluster(string connectionString, string clusterId, string logDirectory, IReadOnlyDictionary<string, string?>? siloSettings = null)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        LogDirectory = logDirectory;
        Database = new ClusterDatabase(connectionString, clusterId);
        _siloSettings = siloSettings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(logDirectory);
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public string LogDirectory { get; }

    public ClusterDatabase Database { get; }

    /// <summary>The latest incarnation of every silo started, killed ones included.</summary>
    public IReadOnlyList<LocalSilo> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
            }
        }
    }

    public ServiceProcess? Gateway { get; private set; }

    public PipelineApi Api => _api ?? throw new InvalidOperationException("Start the gateway first.");

    /// <summary>
    /// Starts a silo process on new ports without waiting for it (its <see cref="LocalSilo.Generation"/> is 0
    /// until <see cref="WaitUntilActiveAsync"/>), with <paramref name="settings"/> on top of the cluster's.
    /// </summary>
    public LocalSilo LaunchSilo(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var name = $"silo-{Interlocked.Increment(ref _nextSilo) - 1}";
        return Launch(name, LoopbackPorts.Free(), LoopbackPorts.Free(), settings);
    }

    /// <summary>Starts a silo on new ports and returns once the membership table shows it Active.</summary>
    public async Task<LocalSilo> StartSiloAsync() => await WaitUntilActiveAsync(LaunchSilo());

    /// <summary>Waits until a launched silo has joined (Active in the membership table); fails if its process exits first.</summary>
    public async Task<LocalSilo> WaitUntilActiveAsync(LocalSilo launched)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            MembershipRow? row = null;
            try
            {
                row = await Database.SiloAsync(launched.SiloPort);
            }
            catch (NpgsqlException)
            {
                // The database is not up (yet): the silo is waiting for it too.
            }

            if (row is { Status: SiloStatus.Active } && IsNewer(row, launched.Name))
            {
                var silo = launched with { Generation = row.Generation };
                lock (_silos)
                {
                    _silos[silo.Name] = silo;
                }

                return silo;
            }

            if (launched.Process.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"{launched.Name} did not become Active within {clock.Elapsed.TotalSeconds:0} s (exited: {launched.Process.HasExited}).\n{launched.Process.Tail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Starts <paramref name="count"/> silos at once (as a deployment would) and waits for all.</summary>
    public async Task<IReadOnlyList<LocalSilo>> StartSilosAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartSiloAsync()));

    /// <summary>
    /// Stops a silo (gracefully, or kill -9) and starts it again on the same ports, as an operator
    /// or a service manager would; returns the new incarnation once it is Active.
    /// </summary>
    public async Task<LocalSilo> RestartSiloAsync(LocalSilo silo, bool graceful)
    {
        if (graceful)
        {
            var exitCode = await silo.Process.StopAsync(TimeSpan.FromSeconds(60));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"{silo} exited with code {exitCode} on a graceful stop.\n{silo.Process.Tail()}");
            }
        }
        else
        {
            silo.Process.Kill();
        }

        return await WaitUntilActiveAsync(Launch(silo.Name, silo.SiloPort, silo.GatewayPort, settings: null));
    }

    /// <summary>Waits until the membership table shows <paramref name="silo"/>'s incarnation with <paramref name="status"/>.</summary>
    public async Task<MembershipRow> WaitForSiloStatusAsync(LocalSilo silo, SiloStatus status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        MembershipRow? row = null;
        while (clock.Elapsed < timeout)
        {
            row = (await Database.MembershipAsync()).SingleOrDefault(r => r.Port == silo.SiloPort && r.Generation == silo.Generation);
            if (row?.Status == status)
            {
                return row;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{silo} did not reach status {status} within {timeout.TotalSeconds:0} s; its row: {row}");
    }

    /// <summary>Every line every silo process printed so far, restarted and killed incarnations included.</summary>
    public IEnumerable<string> SiloLogLines()
    {
        ServiceProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes.Where(p => p != Gateway)];
        }

        return processes.SelectMany(p => p.Lines);
    }

    /// <summary>
    /// Starts the gateway on a free port and returns its API once it answers through a silo; <paramref name="settings"/>
    /// (by configuration key, e.g. <c>Orleans:Messaging:ResponseTimeout</c>) on top of its appsettings.json.
    /// </summary>
    public async Task<PipelineApi> StartGatewayAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (_api is not null)
        {
            return _api;
        }

        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__MoviePipeline"] = ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
        };
        foreach (var (key, value) in TestAccounts.GatewaySettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Gateway = ServiceProcess.Start("gateway", ServiceBinaries.Gateway, ["--urls", url], environment, Path.Combine(LogDirectory, "gateway.log"));
        lock (_processes)
        {
            _processes.Add(Gateway);
        }

        // Signed in as the administrator: the tests also read projects made through the cluster client (the user from
        // before accounts), which only administrators see.
        var api = new PipelineApi(TestAccounts.NewClient(new Uri(url)));
        var clock = Stopwatch.StartNew();
        while (await api.TryGetAsync("/health") is null)
        {
            if (Gateway.HasExited || clock.Elapsed > StartTimeout)
            {
                api.Dispose();
                throw new InvalidOperationException($"The gateway did not answer GET /health within {clock.Elapsed.TotalSeconds:0} s.\n{Gateway.Tail()}");
            }

            await Task.Delay(100);
        }

        await api.Http.SignInAsAdminAsync();
        _api = api;
        return api;
    }

    /// <summary>Kills the gateway process; <see cref="StartGatewayAsync"/> then starts a new one (on a new port).</summary>
    public async Task StopGatewayAsync()
    {
        if (Gateway is { } gateway)
        {
            lock (_processes)
            {
                _processes.Remove(gateway);
            }
            await gateway.DisposeAsync();
        }
        Gateway = null;
        _api?.Dispose();
        _api = null;
    }

    /// <summary>Which silo hosts the project's workflow grain right now (asked through the management grain), or null when none does.</summary>
    public Task<LocalSilo?> WorkflowHostAsync(long projectId) => HostOfAsync<IProjectWorkflowGrain>(projectId);

    /// <summary><see cref="WorkflowHostAsync"/> for many projects.</summary>
    public async Task<IReadOnlyDictionary<long, LocalSilo?>> WorkflowHostsAsync(IEnumerable<long> projectIds)
    {
        var hosts = new Dictionary<long, LocalSilo?>();
        foreach (var id in projectIds)
        {
            hosts[id] = await HostOfAsync<IProjectWorkflowGrain>(id);
        }

        return hosts;
    }

    /// <summary>
    /// Which silo hosts the grain right now (e.g. a project's phase grain), or null when none does; never activates it.
    /// Right after a kill this program's client may still pick the dead silo's gateway: that refusal is asked again.
    /// </summary>
    public async Task<LocalSilo?> HostOfAsync<TGrain>(long key)
        where TGrain : IGrainWithIntegerKey
    {
        var client = await ClientAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var address = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<TGrain>(key));
                return address is null ? null : Silos.SingleOrDefault(s => s.SiloPort == address.Endpoint.Port && s.Generation == address.Generation);
            }
            catch (Exception ex) when (ex is Orleans.Runtime.Messaging.ConnectionFailedException or SiloUnavailableException
                                           or OrleansMessageRejectionException && clock.Elapsed < StartTimeout)
            {
                await Task.Delay(200); // between tries, while the client learns which gateways are gone
            }
        }
    }

    /// <summary>
    /// Starts this program's Orleans client now, so that a test can set everything up before the
    /// moment it measures (starting a client takes seconds on a busy machine).
    /// </summary>
    public Task<IClusterClient> ConnectClientAsync() => ClientAsync();

    /// <summary>
    /// Kills <paramref name="victim"/> (kill -9) and watches, without calling any grain, for the
    /// membership table to declare it dead and for the workflow of <paramref name="projectId"/> to
    /// write its state again (the first write of its new activation). The kill is meant to land
    /// while a phase runs: when that phase's output row (<paramref name="unfinishedPhaseState"/>,
    /// e.g. <c>storyboard</c>) was already written at the kill, the precondition did not hold and
    /// this returns null at once instead of waiting for a resume that may never come.
    /// </summary>
    public async Task<CrashRecovery?> KillAndMeasureAsync(LocalSilo victim, long projectId, string unfinishedPhaseState, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        victim.Process.Kill();
        var versionAtKill = await Database.StateVersionAsync("workflow", projectId);
        // Read after the kill: if the row is absent now, it was absent at the kill (a survivor may
        // have written it since, which only makes this say "try again" when it need not).
        if (await Database.StateVersionAsync(unfinishedPhaseState, projectId) is not null)
        {
            return null;
        }

        TimeSpan? declaredDead = null;
        TimeSpan? resumed = null;
        while ((declaredDead is null || resumed is null) && clock.Elapsed < timeout)
        {
            if (declaredDead is null && (await Database.MembershipAsync())
                    .Any(r => r.Port == victim.SiloPort && r.Generation == victim.Generation && r.Status == SiloStatus.Dead))
            {
                declaredDead = clock.Elapsed;
            }

            if (resumed is null && await Database.StateVersionAsync("workflow", projectId) != versionAtKill)
            {
                resumed = clock.Elapsed;
            }

            await Task.Delay(20);
        }

        if (declaredDead is not { } dead || resumed is not { } resume)
        {
            throw new TimeoutException(
                $"After kill -9 of {victim} in an unfinished phase ({unfinishedPhaseState} not written yet): declared dead {Describe(declaredDead)}, " +
                $"workflow {projectId} wrote again {Describe(resumed)}; gave up after {timeout.TotalSeconds:0} s.");
        }

        return new CrashRecovery(victim, versionAtKill, dead, resume);
    }

    public async ValueTask DisposeAsync()
    {
        ServiceProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        // The gateway first, then the silos: all killed, whatever state the test left them in.
        foreach (var process in processes.Reverse())
        {
            await process.DisposeAsync();
        }

        _api?.Dispose();
        if (_client is not null)
        {
            try
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.StopAsync(cancel.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException)
            {
                // The silos are gone already; nothing to say goodbye to.
            }

            _client.Dispose();
        }
    }

    private LocalSilo Launch(string name, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string?>? settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__MoviePipeline"] = ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Pipeline__Media"] = "None",
            ["Media__ArtifactRoot"] = Path.Combine(LogDirectory, "artifacts"),
            // Each phase run's start and end (debug lines): the crash tests count the runs that completed.
            ["Logging__LogLevel__MoviePipeline.Phases"] = "Debug",
        };
        foreach (var (key, value) in _siloSettings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = ServiceProcess.Start(name, ServiceBinaries.Silo, [], environment, Path.Combine(LogDirectory, $"{name}.log"));
        lock (_processes)
        {
            _processes.Add(process);
        }

        return new LocalSilo(name, siloPort, gatewayPort, process, Generation: 0);
    }

    private static string Describe(TimeSpan? after) => after is { } t ? $"after {t.TotalSeconds:0.00} s" : "never";

    // A restarted silo's new row, not the previous incarnation's.
    private bool IsNewer(MembershipRow row, string name)
    {
        lock (_silos)
        {
            return !_silos.TryGetValue(name, out var previous) || row.Generation != previous.Generation;
        }
    }

    private async Task<IClusterClient> ClientAsync()
    {
        await _clientLock.WaitAsync();
        try
        {
            if (_client is null)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Logging.ClearProviders();
                builder.UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = ClusterId;
                        o.ServiceId = ClusterId;
                    });
                    client.UseAdoNetClustering(o =>
                    {
                        o.Invariant = "Npgsql";
                        o.ConnectionString = ConnectionString;
                    });
                });
                var host = builder.Build();
                await host.StartAsync();
                _client = host;
            }

            return _client.Services.GetRequiredService<IClusterClient>();
        }
        finally
        {
            _clientLock.Release();
        }
    }
}
