using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Web;

/// <summary>
/// A test silo with the operator add-ons (metrics listener, dashboard) and two gateways on real
/// loopback ports, so streams can drop on one gateway and resume on the other; plus a browser
/// for the page tests, launched on first use.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Short, so the heartbeat test need not wait 15 s; streams of every test carry them.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(300);

    private readonly Lazy<Task<Browser>> _browser = new(Browser.LaunchAsync);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IReadOnlyList<WebGateway> Gateways { get; private set; } = [];

    public HttpClient Http => Gateways[0].Http;

    /// <summary>Where the silo serves its Prometheus metrics.</summary>
    public Uri SiloMetricsUrl { get; private set; } = null!;

    public PhaseBehaviour Phase(long projectId, WorkflowPhase phase) =>
        PhaseControl.For(Cluster.Options.ClusterId, projectId, phase);

    public Task<Browser> BrowserAsync() => _browser.Value;

    public async Task InitializeAsync()
    {
        SiloMetricsUrl = new Uri($"http://127.0.0.1:{FreePort()}/metrics");
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Observability:SiloMetricsUrl"] = SiloMetricsUrl.ToString(),
        }));
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<WebSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        var gateway = Cluster.Primary?.GatewayAddress?.Endpoint ?? throw new InvalidOperationException("The test silo has no gateway.");
        var settings = new Dictionary<string, string>
        {
            ["Orleans:ClusterId"] = Cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = Cluster.Options.ServiceId,
            ["Orleans:Clustering:ProviderType"] = "Static",
            ["Orleans:Clustering:Gateways:0"] = $"{gateway.Address}:{gateway.Port}",
            ["Events:HeartbeatInterval"] = Heartbeat.ToString(),
            ["Observability:Dashboard"] = "true",
            ["Events:ReconnectDelay"] = "00:00:00.500",
        };
        Gateways = [WebGateway.Start(settings), WebGateway.Start(settings)];
    }

    public async Task DisposeAsync()
    {
        if (_browser.IsValueCreated) await (await _browser.Value).DisposeAsync();
        foreach (var gateway in Gateways) await gateway.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>
/// The metrics are counted process-wide, so the tests that count them run alone, after the parallel collections: no
/// other test's phase runs and retries land between their two scrapes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "observability";
}
