using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MoviePipeline.Tests.Web;

/// <summary>
/// One real gateway process-part: the gateway's Program on Kestrel at 127.0.0.1 on a free port
/// (a browser needs a socket; TestServer has none), an Orleans client of the test cluster.
/// </summary>
public sealed class WebGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private WebGateway(WebApplicationFactory<Program> factory, Uri address, CookieContainer cookies)
    {
        _factory = factory;
        Address = address;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts a gateway whose <see cref="Http"/> keeps its cookies in <paramref name="cookies"/>: cookies are kept per
    /// host, not per port, so gateways given the same container share one session.
    /// </summary>
    public static WebGateway Start(IReadOnlyDictionary<string, string> settings, CookieContainer cookies)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // UseSetting, not ConfigureAppConfiguration: Program reads the Orleans section before Build.
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single();
        return new WebGateway(factory, address, cookies);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
