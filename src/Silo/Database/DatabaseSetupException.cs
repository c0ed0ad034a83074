namespace MoviePipeline.Silo.Database;

/// <summary>
/// The database cannot be prepared: a bad setting, an unreachable or too old server, or a failed
/// migration. The message is meant for the person starting the silo; print it without a stack trace.
/// </summary>
public sealed class DatabaseSetupException : Exception
{
    public DatabaseSetupException(string message)
        : base(message)
    {
    }

    public DatabaseSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
