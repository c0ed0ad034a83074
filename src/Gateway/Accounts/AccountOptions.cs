namespace MoviePipeline.Gateway.Accounts;

/// <summary>Accounts and their limits (configuration section "Accounts").</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>How many of one user's workflows may run at once; one more start or resume is refused with 429.</summary>
    public int MaxRunningWorkflows { get; set; } = 3;

    /// <summary>Addresses whose accounts are administrators: they see the operator pages and the projects from before accounts.</summary>
    public string[] AdminEmails { get; set; } = [];

    /// <summary>How long a session lasts without a request; each request while it lasts extends it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Sign-in and registration attempts one client (IP address) may make per window.</summary>
    public RateLimit PerClient { get; set; } = new() { Permits = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in and registration attempts for one email address per window, from anywhere.</summary>
    public RateLimit PerAddress { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(5) };

    public bool IsAdmin(string email) =>
        AdminEmails.Any(admin => MoviePipeline.Accounts.AccountEmail.Normalize(admin) == MoviePipeline.Accounts.AccountEmail.Normalize(email));

    /// <summary>A fixed window: at most <see cref="Permits"/> attempts in each <see cref="Window"/>.</summary>
    public sealed class RateLimit
    {
        public int Permits { get; set; }
        public TimeSpan Window { get; set; }
    }
}
