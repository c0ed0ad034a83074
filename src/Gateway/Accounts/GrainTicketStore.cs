using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using MoviePipeline.Accounts;
using MoviePipeline.Gateway.Infrastructure;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>
/// Keeps sign-in tickets on the server (<see cref="ISessionGrain"/>), so the session cookie carries only a random key:
/// signing out removes the ticket, and the same cookie then signs nobody in, on any gateway.
/// </summary>
public sealed class GrainTicketStore(ClusterCalls cluster) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await RenewAsync(key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow.AddDays(1);
        await cluster.RunAsync(async c =>
        {
            await c.GetGrain<ISessionGrain>(key).StoreAsync(bytes, expires);
            return true;
        });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = await cluster.ReadAsync(c => c.GetGrain<ISessionGrain>(key).GetAsync());
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => cluster.RunAsync(async c =>
    {
        await c.GetGrain<ISessionGrain>(key).RemoveAsync();
        return true;
    });

    /// <summary>Hands the store to the cookie handler once the services exist (it needs the cluster client).</summary>
    public sealed class Setup(ClusterCalls cluster) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = new GrainTicketStore(cluster);
    }
}
