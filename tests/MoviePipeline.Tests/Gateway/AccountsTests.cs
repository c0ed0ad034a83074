using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Gateway;

/// <summary>docs/api.md "Accounts": registration, sessions, ownership and the limits, through the real gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AccountsTests(GatewayFixture fixture)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private HttpClient NewClient() => fixture.NewClient();

    [Fact]
    public async Task Register_Me_SignOut_SignIn_GoesAsTheContractSays()
    {
        using var http = NewClient();
        var email = TestAccounts.NewEmail("ann");
        Assert.Equal(JsonValueKind.Null, (await http.GetJsonAsync("/api/auth/me")).ValueKind);

        var registered = await http.PostAsJsonAsync("/api/auth/register", new { email, password = TestAccounts.Password, name = "Ann" });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var cookie = registered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // the test server speaks plain HTTP
        var answer = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("message").GetString()));
        var user = answer.GetProperty("user");
        Assert.True(user.GetProperty("id").GetInt64() > 1);
        Assert.False(string.IsNullOrEmpty(user.GetProperty("openId").GetString()));
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal("Ann", user.GetProperty("name").GetString());
        Assert.Equal("user", user.GetProperty("role").GetString());
        Assert.True(user.GetProperty("createdAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));

        var me = await http.GetJsonAsync("/api/auth/me");
        Assert.Equal(user.GetProperty("id").GetInt64(), me.GetProperty("id").GetInt64());
        Assert.Equal(user.GetProperty("openId").GetString(), me.GetProperty("openId").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await http.GetJsonAsync("/api/auth/me")).ValueKind);
        await (await http.GetAsync("/api/projects")).AssertProblemAsync(HttpStatusCode.Unauthorized, "sign in");

        var wrong = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "not the password" });
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "email address or the password is not right");
        var unknown = await http.PostAsJsonAsync("/api/auth/login", new { email = TestAccounts.NewEmail(), password = TestAccounts.Password });
        await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "email address or the password is not right");

        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var again = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(user.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task Register_OneAddressInManyCases_AtOnce_MakesExactlyOneAccount()
    {
        var email = TestAccounts.NewEmail("race");
        var spellings = new[] { email, email.ToUpperInvariant(), "  " + email + " ", char.ToUpperInvariant(email[0]) + email[1..] };
        var clients = spellings.Select(_ => NewClient()).ToArray();

        var answers = await Task.WhenAll(spellings.Select((spelling, i) =>
            clients[i].PostAsJsonAsync("/api/auth/register", new { email = spelling, password = TestAccounts.Password, name = "Racer" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "already an account");
        // Every spelling signs in to the one account.
        using var login = await NewClient().PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        foreach (var client in clients) client.Dispose();
    }

    [Theory]
    [InlineData("""{"email":"short@example.org","password":"1234567","name":"A"}""", "at least 8")]
    [InlineData("""{"email":"not-an-address","password":"long enough","name":"A"}""", "is not an email address")]
    [InlineData("""{"email":"two@example.org, three@example.org","password":"long enough"}""", "is not an email address")]
    [InlineData("""{"password":"long enough","name":"A"}""", "email address is missing")]
    [InlineData("""{"email":"x@example.org","password":"long enough","name":"line\nbreak"}""", "name")]
    [InlineData("""{"email":5,"password":"long enough"}""", "email")]
    public async Task Register_BadInput_Answers400WithASentence_AndMakesNoAccount(string body, string detail)
    {
        using var http = NewClient();
        await (await http.PostAsync("/api/auth/register", Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest, detail);
        Assert.Equal(JsonValueKind.Null, (await http.GetJsonAsync("/api/auth/me")).ValueKind);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieNoLongerWorks()
    {
        var session = await fixture.SessionCookieAsync();
        using var copy = fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        async Task<HttpStatusCode> ListWith(string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
            request.Headers.Add("Cookie", cookie);
            return (await copy.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await ListWith(session));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", session);
        Assert.Equal(HttpStatusCode.NoContent, (await copy.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWith(session));
    }

    [Fact]
    public async Task AnotherUsersProject_Answers404Everywhere_AndNothingOfItChanges()
    {
        using var owner = await NewClient().SignUpAsync();
        using var other = await NewClient().SignUpAsync();
        var id = await owner.CreateProjectAsync("Mine");
        var othersOwn = await other.CreateProjectAsync("Theirs");
        var before = await owner.GetJsonAsync($"/api/workflow/{id}/status");

        foreach (var path in new[]
        {
            $"/api/projects/{id}", $"/api/projects/{id}/scenes", $"/api/projects/{id}/characters", $"/api/projects/{id}/settings",
            $"/api/projects/{id}/storyboards", $"/api/projects/{id}/videos", $"/api/projects/{id}/movie",
            $"/api/workflow/{id}/status", $"/api/workflow/{id}/history", $"/api/workflow/{id}/events",
            $"/api/media/projects/{id}/final_movie.mp4",
        })
        {
            var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
        // Exactly the answer for a project that does not exist.
        await (await other.GetAsync($"/api/projects/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, $"There is no project with id {id}.");
        foreach (var command in new[] { "start", "pause", "resume" })
        {
            var response = await other.PostAsync($"/api/workflow/{id}/{command}", Json("""{"workflowType":"full_pipeline"}"""));
            await response.AssertProblemAsync(HttpStatusCode.NotFound, $"There is no project with id {id}.");
        }
        var edit = await other.PatchAsync($"/api/projects/{id}", Json("""{"title":"Stolen"}"""));
        await edit.AssertProblemAsync(HttpStatusCode.NotFound, $"There is no project with id {id}.");
        Assert.Equal("Mine", (await owner.GetJsonAsync($"/api/projects/{id}")).GetProperty("title").GetString());

        var ownList = (await owner.GetJsonAsync("/api/projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        var otherList = (await other.GetJsonAsync("/api/projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([id], ownList);
        Assert.Equal([othersOwn], otherList);
        var after = await owner.GetJsonAsync($"/api/workflow/{id}/status");
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    /// <summary>Every route the gateway maps, found from its endpoints, so that a new route cannot be left open by accident.</summary>
    [Fact]
    public async Task EveryRoute_WithoutASession_Answers401_ButTheOpenOnes()
    {
        string[] open = ["/api/auth/me", "/api/auth/register", "/api/auth/login", "/api/auth/logout", "/api/system/health",
            "/health", "/alive", "/openapi/{documentName}.json", "/docs"];
        var endpoints = fixture.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        using var anonymous = NewClient();
        var protectedChecked = 0;
        foreach (var endpoint in endpoints)
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = template.Replace("{**key}", "projects/1/final_movie.mp4").Replace("{documentName}", "v1")
                .Replace("{id}", "1").Replace("{**path}", "x").Replace("{*path}", "x");
            foreach (var method in methods)
            {
                var isOpen = open.Any(o => template == o || template.StartsWith(o + "/", StringComparison.Ordinal));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH") request.Content = Json("{}");
                using var response = await anonymous.SendAsync(request);
                if (isOpen)
                {
                    Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{method} {template} should be open");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {template} answered {(int)response.StatusCode}");
                    await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "sign in");
                    protectedChecked++;
                }
            }
        }
        // Projects, workflow, events, media, test videos, metrics: far more than the open ones.
        Assert.True(protectedChecked >= 15, $"only {protectedChecked} protected routes checked");
    }

    [Fact]
    public async Task SignIn_TooOftenForOneAddress_OrFromOneClient_Answers429WithRetryAfter()
    {
        await using var limited = fixture.Gateway.WithWebHostBuilder(web => web
            .UseSetting("Accounts:PerAddress:Permits", "2").UseSetting("Accounts:PerAddress:Window", "01:00:00")
            .UseSetting("Accounts:PerClient:Permits", "4").UseSetting("Accounts:PerClient:Window", "01:00:00"));
        using var http = limited.CreateClient();
        var first = TestAccounts.NewEmail();
        var second = TestAccounts.NewEmail();
        Task<HttpResponseMessage> Login(string email) => http.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong password" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(first)).StatusCode);
        var perAddress = await Login(first);
        await perAddress.AssertProblemAsync(HttpStatusCode.TooManyRequests, $"too many attempts to sign in as {first}");
        Assert.True(int.Parse(perAddress.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(second)).StatusCode); // another address: its own count
        var perClient = await Login(second);
        await perClient.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too many attempts to sign in or register from your address");
        Assert.True(perClient.Headers.Contains("Retry-After"));
        var register = await http.PostAsJsonAsync("/api/auth/register", new { email = TestAccounts.NewEmail(), password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
    }

    [Fact]
    public async Task Start_BeyondMaxRunningWorkflows_Answers429_AndChangesNothing()
    {
        await using var limited = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Accounts:MaxRunningWorkflows", "2"));
        using var http = await limited.CreateClient().SignUpAsync();
        var ids = new[] { await http.CreateProjectAsync("One"), await http.CreateProjectAsync("Two"), await http.CreateProjectAsync("Three") };
        var held = ids.Take(2).Select(id => fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate()).ToArray();
        try
        {
            foreach (var id in ids.Take(2))
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/workflow/{id}/start", Json("{}"))).StatusCode);
            var before = await http.GetJsonAsync($"/api/workflow/{ids[2]}/status");

            var refused = await http.PostAsync($"/api/workflow/{ids[2]}/start", Json("{}"));
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "2 workflows running");

            var after = await http.GetJsonAsync($"/api/workflow/{ids[2]}/status");
            Assert.Equal("draft", after.GetProperty("status").GetString());
            Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
            // Another user is not held back by this one's workflows.
            using var other = await limited.CreateClient().SignUpAsync();
            var theirs = await other.CreateProjectAsync("Theirs");
            Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsync($"/api/workflow/{theirs}/start", Json("{}"))).StatusCode);

            // One finishes: the place is free again.
            held[0].OpenGate();
            await http.WaitForStatusAsync(ids[0], "completed");
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/workflow/{ids[2]}/start", Json("{}"))).StatusCode);
        }
        finally
        {
            foreach (var gate in held) gate.OpenGate();
        }
    }

    [Fact]
    public async Task CrossSiteFormPost_CannotCreateStartOrPause()
    {
        using var http = await NewClient().SignUpAsync();
        var id = await http.CreateProjectAsync("Target");
        var before = (await http.GetJsonAsync("/api/projects")).GetArrayLength();

        async Task<HttpResponseMessage> FormPost(string path, string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "Forged", ["scriptContent"] = "x" }),
            };
            request.Headers.Add(header, value);
            return await http.SendAsync(request);
        }

        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            await (await FormPost("/api/projects", header, value)).AssertProblemAsync(HttpStatusCode.Forbidden, "another site");
            await (await FormPost($"/api/workflow/{id}/start", header, value)).AssertProblemAsync(HttpStatusCode.Forbidden, "another site");
            await (await FormPost($"/api/workflow/{id}/pause", header, value)).AssertProblemAsync(HttpStatusCode.Forbidden, "another site");
        }

        Assert.Equal(before, (await http.GetJsonAsync("/api/projects")).GetArrayLength());
        Assert.Equal("draft", (await http.GetJsonAsync($"/api/workflow/{id}/status")).GetProperty("status").GetString());
        // The gateway's own pages send their origin too, and are served.
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/workflow/{id}/pause");
        own.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(own)).StatusCode); // not running: the command was heard
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheBrowserSafetyHeaders()
    {
        foreach (var path in new[] { "/", "/api/projects", "/api/projects/abc", "/api/auth/me" })
        {
            using var anonymous = NewClient();
            var response = await anonymous.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }
}
