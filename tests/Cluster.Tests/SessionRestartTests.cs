using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using Xunit.Abstractions;

namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// Accounts, sessions and the cookie-signing keys live in PostgreSQL: a session outlives its gateway and its silo, is
/// read by a gateway that never saw it, and ends for all of them at sign-out.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionRestartTests(LocalClusters fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Session_SurvivesGatewayAndSiloRestarts_AndEndsAtSignOut()
    {
        await using var cluster = await fixture.NewClusterAsync("sessions");
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        var silo = await cluster.StartSiloAsync();
        var first = await cluster.StartGatewayAsync();

        var email = TestAccounts.NewEmail("restart");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
        var registered = await http.PostAsJsonAsync(new Uri(first.Http.BaseAddress!, "/api/auth/register"),
            new { email, password = TestAccounts.Password, name = "Restart" });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("session=", StringComparison.Ordinal));
        var session = cookie[..cookie.IndexOf(';')];

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri gateway, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(gateway, path)) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Cookie", session);
            return await http.SendAsync(request);
        }

        var created = await SendAsync(HttpMethod.Post, first.Http.BaseAddress!, "/api/projects", new { title = "Kept", scriptContent = PipelineApi.TwoSceneScript });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("projectId").GetInt64();
        Assert.NotNull(await cluster.Database.StateVersionAsync("keys", 0)); // the key ring is a row in PostgreSQL

        await cluster.StopGatewayAsync();
        await cluster.RestartSiloAsync(silo, graceful: false);
        var second = (await cluster.StartGatewayAsync()).Http.BaseAddress!;
        Assert.NotEqual(first.Http.BaseAddress, second);

        var me = await (await SendAsync(HttpMethod.Get, second, "/api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, second, $"/api/projects/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, second, "/api/auth/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, second, $"/api/projects/{id}")).StatusCode);
    }
}
