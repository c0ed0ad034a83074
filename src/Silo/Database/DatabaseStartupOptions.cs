namespace MoviePipeline.Silo.Database;

/// <summary>How the silo prepares PostgreSQL at start-up (configuration section <c>Database</c>).</summary>
public sealed class DatabaseStartupOptions
{
    public const string SectionName = "Database";

    /// <summary>How long to wait for the server to accept connections before giving up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between connection attempts while the server is not up yet.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// This process's ceiling on PostgreSQL connections (Npgsql's <c>Maximum Pool Size</c>, unless the connection string
    /// sets one). The server's <c>max_connections</c> must hold silos × this + the gateways' + a few for admin tools.
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    /// <summary>Enough for a silo on a few cores: PostgreSQL serves a handful of busy connections best.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Apply pending schema migrations at start-up; turn off to run <c>migrate</c> as a separate step.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
