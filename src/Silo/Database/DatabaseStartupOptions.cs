namespace MoviePipeline.Silo.Database;

/// <summary>How the silo prepares PostgreSQL at start-up (configuration section <c>Database</c>).</summary>
public sealed class DatabaseStartupOptions
{
    public const string SectionName = "Database";

    /// <summary>How long to wait for the server to accept connections before giving up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between connection attempts while the server is not up yet.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Apply pending schema migrations at start-up; turn off to run <c>migrate</c> as a separate step.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
