using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>
/// Counts sign-in and registration attempts per email address, whichever client they come from (per client is the
/// rate-limiting middleware's policy <see cref="AccountServices.SignInLimit"/>). Counted per gateway.
/// </summary>
public sealed class SignInAttempts(IOptions<AccountOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAddress.Permits,
            Window = options.Value.PerAddress.Window,
            QueueLimit = 0,
        }));

    /// <summary>Takes one attempt for the address; a lease that is not acquired says when to try again.</summary>
    public RateLimitLease Attempt(string normalizedEmail) => _limiter.AttemptAcquire(normalizedEmail);

    public void Dispose() => _limiter.Dispose();
}
