using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// The real gateway, hosted in-process, talking to a real test cluster over TCP as an
/// Orleans client (the same path as in production).
/// </summary>
public class GatewayFixture : ClusterFixture
{
    private WebApplicationFactory<Program>? _factory;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The in-process gateway host, for requests HttpClient would rewrite (e.g. a raw '..' in a path).</summary>
    public WebApplicationFactory<Program> Gateway => _factory ?? throw new InvalidOperationException("The gateway is not started.");

    protected override bool Tcp => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var gateway = Cluster.Primary?.GatewayAddress?.Endpoint ?? throw new InvalidOperationException("The test silo has no gateway.");
        // UseSetting, not ConfigureAppConfiguration: Program reads the Orleans section before Build.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Orleans:ClusterId", Cluster.Options.ClusterId)
                .UseSetting("Orleans:ServiceId", Cluster.Options.ServiceId)
                .UseSetting("Orleans:Clustering:ProviderType", "Static")
                .UseSetting("Orleans:Clustering:Gateways:0", $"{gateway.Address}:{gateway.Port}");
            ConfigureGateway(web);
        });
        Http = _factory.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        Http.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>More gateway settings for a derived fixture.</summary>
    protected virtual void ConfigureGateway(IWebHostBuilder web)
    {
    }
}
