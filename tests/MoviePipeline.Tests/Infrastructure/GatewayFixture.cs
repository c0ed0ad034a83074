using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// The real gateway, hosted in-process, talking to a real test cluster over TCP as an
/// Orleans client (the same path as in production).
/// </summary>
public class GatewayFixture : ClusterFixture
{
    private WebApplicationFactory<Program>? _factory;

    /// <summary>A client signed in as the fixture's own user (every project route needs one).</summary>
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
            foreach (var (key, value) in TestAccounts.GatewaySettings) web.UseSetting(key, value);
            ConfigureGateway(web);
        });
        Http = await _factory.CreateClient().SignUpAsync();
    }

    /// <summary>
    /// A new user's <c>Cookie</c> header, for requests made without HttpClient (which would rewrite them). Registers
    /// through a client that does not keep cookies, so the header is read from the answer.
    /// </summary>
    public async Task<string> SessionCookieAsync()
    {
        using var http = Gateway.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await http.PostAsJsonAsync("/api/auth/register",
            new { email = TestAccounts.NewEmail(), password = TestAccounts.Password, name = "Raw" });
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("session=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    /// <summary>A client without a session (its own cookies): sign it up or in as the test needs.</summary>
    public HttpClient NewClient() => Gateway.CreateClient();

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
