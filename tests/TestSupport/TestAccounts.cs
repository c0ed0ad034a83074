using System.Net;
using System.Net.Http.Json;

namespace MoviePipeline.TestSupport;

/// <summary>
/// Accounts for tests that use the gateway as a client does: every project route needs a signed-in user. The settings
/// give test gateways room (many workflows per user, many sign-ins from one address) and one administrator address.
/// Linked into the test projects that do not reference this one, so it depends on nothing but the BCL.
/// </summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery";
    public const string AdminEmail = "admin@moviepipeline.test";

    /// <summary>Gateway settings for tests; the limits tests set their own.</summary>
    public static IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>
    {
        ["Accounts:MaxRunningWorkflows"] = "10000",
        ["Accounts:PerClient:Permits"] = "100000",
        ["Accounts:PerAddress:Permits"] = "100000",
        ["Accounts:AdminEmails:0"] = AdminEmail,
    };

    /// <summary>A new address each call, so tests never share an account by accident.</summary>
    public static string NewEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@moviepipeline.test";

    /// <summary>Registers an account through <paramref name="http"/>, whose cookie handling then keeps the session.</summary>
    public static async Task<HttpClient> SignUpAsync(this HttpClient http, string? email = null, string name = "Tester")
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register", new { email = email ?? NewEmail(), password = Password, name });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Registering failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>Signs in as the administrator, registering the account the first time.</summary>
    public static async Task<HttpClient> SignInAsAdminAsync(this HttpClient http)
    {
        using var register = await http.PostAsJsonAsync("/api/auth/register", new { email = AdminEmail, password = Password, name = "Admin" });
        if (register.StatusCode == HttpStatusCode.OK) return http;
        // Taken: registered by an earlier test of this cluster.
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = Password });
        if (login.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Signing in as the administrator failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>A client of <paramref name="address"/> that keeps its own cookies (its own session).</summary>
    public static HttpClient NewClient(Uri address) => new(new HttpClientHandler { CookieContainer = new CookieContainer() })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(60),
    };
}
