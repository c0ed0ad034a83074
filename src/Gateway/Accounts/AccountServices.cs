using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MoviePipeline.Accounts;
using MoviePipeline.Gateway.Infrastructure;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>
/// Accounts on the gateway: cookie sessions kept on the server, a key ring shared by every gateway, a signed-in user
/// required on every route not marked anonymous, the administrators' policy and the sign-in rate limit.
/// </summary>
public static class AccountServices
{
    public const string CookieName = "session";
    /// <summary>The rate-limiting policy of sign-in and registration: attempts per client address.</summary>
    public const string SignInLimit = "sign-in";
    /// <summary>The operator pages' policy: administrators only.</summary>
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AccountOptions.SectionName);
        var accounts = section.Get<AccountOptions>() ?? new AccountOptions();
        services.AddOptions<AccountOptions>().Bind(section)
            .Validate(o => o.MaxRunningWorkflows >= 1, "Accounts:MaxRunningWorkflows must be at least 1.")
            .Validate(o => o.PerClient.Permits >= 1 && o.PerAddress.Permits >= 1, "Accounts:PerClient and PerAddress need at least 1 permit.")
            .Validate(o => o.PerClient.Window > TimeSpan.Zero && o.PerAddress.Window > TimeSpan.Zero, "Accounts rate-limit windows must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<ProjectAccess>();

        services.AddDataProtection().SetApplicationName("MoviePipeline");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, GrainKeyRepository.Setup>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.IsEssential = true;
            o.ExpireTimeSpan = accounts.SessionLifetime;
            o.SlidingExpiration = true;
            // An API answers, it does not redirect to a sign-in page.
            o.Events.OnRedirectToLogin = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                "Not signed in.", "Sign in first: this needs an account (sign in, or register one).");
            o.Events.OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                "Not allowed.", "Only administrators may open this.");
        });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, GrainTicketStore.Setup>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Caller.AdminRole));

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = accounts.PerClient.Permits,
                    Window = accounts.PerClient.Window,
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, _) =>
            {
                var problem = Problems.TooManyRequests(context.HttpContext.Response, context.Lease,
                    "There have been too many attempts to sign in or register from your address.");
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}
