using System.Net;
using Microsoft.AspNetCore.Hosting;
using MoviePipeline.Tests.Infrastructure;

namespace MoviePipeline.Tests.Gateway;

/// <summary>Frontend:Root: a built single-page app served by the gateway, its routes surviving a full page load.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FrontendHostingTests(GatewayFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mp-frontend-").FullName;

    [Fact]
    public async Task BuiltFrontend_ServesItsFiles_AndItsIndexForEveryAppRoute_ButNotForTheApi()
    {
        const string index = "<!doctype html><title>The client</title><div id=root></div>";
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), index);
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_root, "assets", "app.js"), "console.log('client');");
        await using var gateway = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Frontend:Root", _root));
        using var http = gateway.CreateClient();

        foreach (var route in new[] { "/", "/dashboard", "/project/12", "/test-video" })
        {
            var page = await http.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal(index, await page.Content.ReadAsStringAsync());
        }
        var script = await http.GetAsync("/assets/app.js");
        Assert.Equal("console.log('client');", await script.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
