using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.Web;

/// <summary>A session is the cluster's, not one gateway's: the key ring and the sessions live in grain storage.</summary>
[Collection(WebCollection.Name)]
public sealed class SessionTests(WebFixture fixture)
{
    [Fact]
    public async Task Register_OneAddressThroughBothGateways_AtOnce_MakesExactlyOneAccount()
    {
        var email = TestAccounts.NewEmail("two-gateways");
        var attempts = Enumerable.Range(0, 6).Select(i => (
            Gateway: fixture.Gateways[i % 2].Address,
            Email: i % 3 == 0 ? email.ToUpperInvariant() : email)).ToList();
        var clients = attempts.Select(a => TestAccounts.NewClient(a.Gateway)).ToList();

        var answers = await Task.WhenAll(attempts.Select((a, i) =>
            clients[i].PostAsJsonAsync("/api/auth/register", new { email = a.Email, password = TestAccounts.Password, name = "Racer" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        foreach (var client in clients) client.Dispose();
    }

    [Fact]
    public async Task CookieFromOneGateway_WorksOnAnother_AndAfterBothRestart_UntilSignOut()
    {
        var email = TestAccounts.NewEmail("roaming");
        using var first = TestAccounts.NewClient(fixture.Gateways[0].Address);
        var registered = await first.PostAsJsonAsync("/api/auth/register", new { email, password = TestAccounts.Password, name = "Roamer" });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("session=", StringComparison.Ordinal));
        var session = cookie[..cookie.IndexOf(';')];
        var id = await first.CreateProjectAsync("Roaming");

        async Task<HttpResponseMessage> GetWith(Uri gateway, string path)
        {
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = gateway };
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", session);
            return await http.SendAsync(request);
        }

        var me = await (await GetWith(fixture.Gateways[1].Address, "/api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetWith(fixture.Gateways[1].Address, $"/api/projects/{id}")).StatusCode);

        // New gateways: nothing of the old ones' memory, only what the cluster keeps.
        await using (var restartedA = WebGateway.Start(fixture.Settings, new CookieContainer()))
        await using (var restartedB = WebGateway.Start(fixture.Settings, new CookieContainer()))
        {
            foreach (var gateway in new[] { restartedA, restartedB })
            {
                var again = await (await GetWith(gateway.Address, "/api/auth/me")).Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(email, again.GetProperty("email").GetString());
                Assert.Equal(HttpStatusCode.OK, (await GetWith(gateway.Address, $"/api/projects/{id}")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/auth/logout", null)).StatusCode);
            foreach (var gateway in new[] { restartedA, restartedB })
                Assert.Equal(HttpStatusCode.Unauthorized, (await GetWith(gateway.Address, $"/api/projects/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWith(fixture.Gateways[1].Address, "/api/projects")).StatusCode);
    }
}
