using System.Net.Mail;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using MoviePipeline.Accounts;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>docs/api.md "Accounts": register, sign in, sign out, and who is signed in.</summary>
public static class AuthApi
{
    public const int MinPasswordLength = 8;
    /// <summary>Long enough for any pass phrase, short enough that hashing one costs what hashing any other does.</summary>
    public const int MaxPasswordLength = 1024;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Accounts").AllowAnonymous();
        api.MapGet("/me", Me).WithName("GetCurrentUser").WithSummary("The signed-in user, or null").ProducesNullable();
        api.MapPost("/register", Register).WithName("Register").WithSummary("Create an account and sign in")
            .Accepts<RegisterRequest>("application/json").RequireRateLimiting(AccountServices.SignInLimit)
            .ProducesBodyProblems().WithProblems(StatusCodes.Status429TooManyRequests).ProducesClusterProblems();
        api.MapPost("/login", Login).WithName("Login").WithSummary("Sign in")
            .Accepts<LoginRequest>("application/json").RequireRateLimiting(AccountServices.SignInLimit)
            .ProducesBodyProblems().WithProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests)
            .ProducesClusterProblems();
        api.MapPost("/logout", (Delegate)Logout).WithName("Logout").WithSummary("Sign out: the session ends on every gateway")
            .ProducesClusterProblems();
        return app;
    }

    public static Results<Ok<UserDto>, ContentHttpResult> Me(HttpContext http) =>
        Caller.Of(http.User) is { } caller
            ? TypedResults.Ok(ToDto(caller))
            : TypedResults.Content("null", "application/json"); // docs/api.md: 200 null when not signed in

    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Register(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RegisterRequest? body, HttpContext http, ClusterCalls cluster,
        IPasswordHasher<UserAccount> hasher, SignInAttempts attempts, IOptions<AccountOptions> options)
    {
        if (body is null) return Problems.BadRequest("Send a JSON body with 'email', 'password' and 'name'.");
        if (CheckEmail(body.Email) is { } badEmail) return Problems.BadRequest(badEmail);
        var email = body.Email!.Trim();
        if (CheckPassword(body.Password) is { } badPassword) return Problems.BadRequest(badPassword);
        var name = string.IsNullOrWhiteSpace(body.Name) ? email[..email.IndexOf('@')] : body.Name.Trim();
        if (TextRules.VisibleLength(name) is var nameLength and > MaxNameLength)
            return Problems.BadRequest($"The name has {nameLength} characters; it may have at most {MaxNameLength}.");
        if (TextRules.Forbidden(name, "name", multiline: false) is { } badName) return Problems.BadRequest(badName);
        if (TooMany(http, attempts, email) is { } tooMany) return tooMany;

        var hash = hasher.HashPassword(null!, body.Password!);
        var account = await cluster.RunAsync(c =>
            c.GetGrain<IAccountGrain>(AccountEmail.Normalize(email)).RegisterAsync(new NewAccount(email, name, hash)));
        if (account is null) return Problems.BadRequest($"There is already an account for {email}; sign in instead.");
        return await SignInAsync(http, account, options.Value, $"Welcome, {account.Name}: your account is ready.");
    }

    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Login(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LoginRequest? body, HttpContext http, ClusterCalls cluster,
        IPasswordHasher<UserAccount> hasher, SignInAttempts attempts, IOptions<AccountOptions> options)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password))
            return Problems.BadRequest("Send a JSON body with 'email' and 'password'.");
        var email = body.Email.Trim();
        if (email.Length > MaxEmailLength || body.Password.Length > MaxPasswordLength) return WrongCredentials();
        if (TooMany(http, attempts, email) is { } tooMany) return tooMany;

        var credentials = await cluster.ReadAsync(c => c.GetGrain<IAccountGrain>(AccountEmail.Normalize(email)).GetCredentialsAsync());
        // An unknown address costs the same hashing as a known one, so the answer's timing does not tell them apart.
        var verdict = hasher.VerifyHashedPassword(null!, credentials?.PasswordHash ?? UnknownAccountHash(hasher), body.Password);
        if (credentials is null || verdict == PasswordVerificationResult.Failed) return WrongCredentials();
        return await SignInAsync(http, credentials.Account, options.Value, $"Welcome back, {credentials.Account.Name}.");
    }

    public static async Task<NoContent> Logout(HttpContext http)
    {
        // Removes the session on the server (the ticket store), then clears the cookie.
        await http.SignOutAsync(Scheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> SignInAsync(
        HttpContext http, UserAccount account, AccountOptions options, string message)
    {
        var caller = Caller.From(account, options.IsAdmin(account.Email) ? Caller.AdminRole : Caller.UserRole);
        // A session of an earlier sign-in on this browser ends here, so it cannot outlive this one's sign-out.
        if (http.User.Identity?.IsAuthenticated == true) await http.SignOutAsync(Scheme);
        await http.SignInAsync(Scheme, caller.ToPrincipal(Scheme), new AuthenticationProperties { IsPersistent = true });
        return TypedResults.Ok(new AuthResponse(ToDto(caller), message));
    }

    private static UserDto ToDto(Caller caller) =>
        new(caller.UserId, caller.OpenId, caller.Email, caller.Name, caller.Role, caller.CreatedAt);

    private static ProblemHttpResult WrongCredentials() => TypedResults.Problem(
        "The email address or the password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.");

    private static ProblemHttpResult? TooMany(HttpContext http, SignInAttempts attempts, string email)
    {
        using var lease = attempts.Attempt(AccountEmail.Normalize(email));
        return lease.IsAcquired ? null : Problems.TooManyRequests(http.Response, lease,
            $"There have been too many attempts to sign in as {email}.");
    }

    private static string? CheckEmail(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return "The email address is missing.";
        var email = raw.Trim();
        if (email.Length > MaxEmailLength) return $"The email address has {email.Length} characters; it may have at most {MaxEmailLength}.";
        // One plain address (no display name, no list): what MailAddress reads back must be the whole text.
        return MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0
            && !email.Any(char.IsWhiteSpace) && address.Host.Contains('.')
            ? null
            : $"'{(email.Length <= 60 ? email : email[..60] + "…")}' is not an email address; give one like ann@example.org.";
    }

    private static string? CheckPassword(string? password)
    {
        var length = password?.Length ?? 0;
        if (length < MinPasswordLength) return $"The password has {length} characters; it needs at least {MinPasswordLength}.";
        return length > MaxPasswordLength ? $"The password has {length} characters; it may have at most {MaxPasswordLength}." : null;
    }

    private static string? _unknownAccountHash;

    private static string UnknownAccountHash(IPasswordHasher<UserAccount> hasher) =>
        _unknownAccountHash ??= hasher.HashPassword(null!, Guid.NewGuid().ToString());
}
