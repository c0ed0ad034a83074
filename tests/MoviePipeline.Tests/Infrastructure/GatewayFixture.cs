using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// The real gateway, hosted in-process, talking to a real test cluster over TCP as an
/// Orleans client (the same path as in production).
/// </summary>
public sealed class GatewayFixture : ClusterFixture
{
    private WebApplicationFactory<Program>? _factory;

    public HttpClient Http { get; private set; } = null!;

    protected override bool Tcp => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var gateway = Cluster.Primary?.GatewayAddress?.Endpoint ?? throw new InvalidOperationException("The test silo has no gateway.");
        // UseSetting, not ConfigureAppConfiguration: Program reads the Orleans section before Build.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Orleans:ClusterId", Cluster.Options.ClusterId)
            .UseSetting("Orleans:ServiceId", Cluster.Options.ServiceId)
            .UseSetting("Orleans:Clustering:ProviderType", "Static")
            .UseSetting("Orleans:Clustering:Gateways:0", $"{gateway.Address}:{gateway.Port}"));
        Http = _factory.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        Http.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await base.DisposeAsync();
    }
}
