using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Web;

/// <summary>
/// A test silo with the operator add-ons (metrics listener, dashboard) and two gateways on real
/// loopback ports, so streams can drop on one gateway and resume on the other; plus a browser
/// for the page tests, launched on first use.
/// </summary>
public class WebFixture : ClusterFixture
{
    /// <summary>Short, so the heartbeat test need not wait 15 s; streams of every test carry them.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(300);

    private readonly Lazy<Task<Browser>> _browser = new(Browser.LaunchAsync);

    public IReadOnlyList<WebGateway> Gateways { get; private set; } = [];

    public HttpClient Http => Gateways[0].Http;

    /// <summary>Where the silo serves its Prometheus metrics.</summary>
    public Uri SiloMetricsUrl { get; } = new($"http://127.0.0.1:{FreePort()}/metrics");

    protected override bool Tcp => true;

    public Task<Browser> BrowserAsync() => _browser.Value;

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Observability:SiloMetricsUrl"] = SiloMetricsUrl.ToString(),
        }));
        ConfigureSilos(builder);
        builder.AddSiloBuilderConfigurator<WebSiloConfigurator>();
    }

    /// <summary>The silos' grains and phases; by default the test silo's (no media, phases a test can hold).</summary>
    protected virtual void ConfigureSilos(TestClusterBuilder builder) => base.ConfigureCluster(builder);

    /// <summary>More gateway settings for a derived fixture.</summary>
    protected virtual void ConfigureGateways(Dictionary<string, string> settings)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var gateway = Cluster.Primary?.GatewayAddress?.Endpoint ?? throw new InvalidOperationException("The test silo has no gateway.");
        var settings = new Dictionary<string, string>(TestAccounts.GatewaySettings)
        {
            ["Orleans:ClusterId"] = Cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = Cluster.Options.ServiceId,
            ["Orleans:Clustering:ProviderType"] = "Static",
            ["Orleans:Clustering:Gateways:0"] = $"{gateway.Address}:{gateway.Port}",
            ["Events:HeartbeatInterval"] = Heartbeat.ToString(),
            ["Observability:Dashboard"] = "true",
            ["Events:ReconnectDelay"] = "00:00:00.500",
        };
        ConfigureGateways(settings);
        Settings = settings;
        Gateways = [WebGateway.Start(settings, Cookies), WebGateway.Start(settings, Cookies)];
        await Http.SignUpAsync();
    }

    /// <summary>The session of <see cref="Http"/>, shared by both gateways' clients.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>The gateways' settings, for a test that starts gateways of its own.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public override async Task DisposeAsync()
    {
        if (_browser.IsValueCreated) await (await _browser.Value).DisposeAsync();
        foreach (var gateway in Gateways) await gateway.DisposeAsync();
        await base.DisposeAsync();
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
