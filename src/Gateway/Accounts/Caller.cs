using System.Globalization;
using System.Security.Claims;
using MoviePipeline.Accounts;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>The signed-in user a request comes from, as the session's claims say.</summary>
public sealed record Caller(long UserId, string OpenId, string Email, string Name, string Role, DateTime CreatedAt)
{
    public const string AdminRole = "admin";
    public const string UserRole = "user";
    private const string OpenIdClaim = "open_id";
    private const string CreatedAtClaim = "created_at";

    public bool IsAdmin => Role == AdminRole;

    /// <summary>Whether a project of <paramref name="ownerId"/> is this caller's to see and change.</summary>
    public bool Owns(long ownerId) => ownerId == UserId || (ownerId == Users.BeforeAccounts && IsAdmin);

    public static Caller From(UserAccount account, string role) =>
        new(account.Id, account.OpenId, account.Email, account.Name, role, account.CreatedAt);

    /// <summary>The caller of a signed-in request; null for a request without a session.</summary>
    public static Caller? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        return new Caller(id, user.FindFirstValue(OpenIdClaim) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? UserRole,
            DateTime.Parse(user.FindFirstValue(CreatedAtClaim) ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    /// <summary>
    /// Binds a handler's <see cref="Caller"/> parameter. Every route but the anonymous ones is authorized before its
    /// handler runs, so a route without a caller here is a route left without authorization: a bug, not a 400.
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult<Caller?>(
        Of(http.User) ?? throw new InvalidOperationException("The route needs a signed-in user; it is missing its authorization."));

    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, UserId.ToString(CultureInfo.InvariantCulture)),
        new Claim(OpenIdClaim, OpenId),
        new Claim(ClaimTypes.Email, Email),
        new Claim(ClaimTypes.Name, Name),
        new Claim(ClaimTypes.Role, Role),
        new Claim(CreatedAtClaim, CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
    ], scheme));
}
