using Microsoft.Extensions.Logging;

namespace MoviePipeline.Silo.Database;

internal static partial class DatabaseLog
{
    [LoggerMessage(1, LogLevel.Information, "Another process is migrating the database schema; waiting for it to finish")]
    public static partial void WaitingForMigrationLock(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Applying database migration {Migration}")]
    public static partial void ApplyingMigration(ILogger logger, string migration);

    [LoggerMessage(3, LogLevel.Information, "Applied database migration {Migration} in {ElapsedMilliseconds} ms")]
    public static partial void AppliedMigration(ILogger logger, string migration, long elapsedMilliseconds);

    [LoggerMessage(4, LogLevel.Information, "Database schema is up to date ({Latest})")]
    public static partial void SchemaUpToDate(ILogger logger, string latest);

    [LoggerMessage(5, LogLevel.Warning, "Database migration {Migration} was changed after it was applied; changes belong in a new migration file, the edit is ignored")]
    public static partial void MigrationChangedAfterApply(ILogger logger, string migration);

    [LoggerMessage(6, LogLevel.Information, "The database has migration {Version:D4}_{Name}, which this build does not know; a newer silo applied it")]
    public static partial void UnknownAppliedMigration(ILogger logger, int version, string name);

    [LoggerMessage(7, LogLevel.Warning, "PostgreSQL at {Endpoint} is not accepting connections yet; retrying in {RetrySeconds}s ({Reason})")]
    public static partial void DatabaseNotReady(ILogger logger, string endpoint, double retrySeconds, string reason);

    [LoggerMessage(8, LogLevel.Information, "PostgreSQL at {Endpoint} is accepting connections (server {ServerVersion})")]
    public static partial void DatabaseReady(ILogger logger, string endpoint, string serverVersion);

    [LoggerMessage(9, LogLevel.Information, "ConnectionStrings:MoviePipeline is not set and no Orleans provider uses AdoNet; skipping PostgreSQL preparation")]
    public static partial void PostgresNotConfigured(ILogger logger);

    [LoggerMessage(10, LogLevel.Information, "Schema migrations are disabled (Database:ApplyMigrations=false); run 'MoviePipeline.Silo migrate' to apply them")]
    public static partial void MigrationsDisabled(ILogger logger);
}
