using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoviePipeline.PostgresStorage;
using Npgsql;
using Polly;
using Polly.Retry;

namespace MoviePipeline.Silo.Database;

/// <summary>
/// What a silo does with PostgreSQL before Orleans starts: check the connection string, wait for
/// the server to come up, and bring the schema up to date. Errors are <see cref="DatabaseSetupException"/>s
/// whose message names the setting to fix.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>The key under <c>ConnectionStrings</c> that the AdoNet providers use as <c>ConnectionName</c>.</summary>
    public const string ConnectionStringName = "MoviePipeline";

    /// <summary>The full configuration path, as named in error messages.</summary>
    public const string ConnectionStringSetting = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>
    /// Prepares the database named by <c>ConnectionStrings:MoviePipeline</c>: waits until it accepts
    /// connections (options in section <c>Database</c>) and applies pending migrations.
    /// Returns false, doing nothing, when that connection string is absent and no Orleans provider
    /// (<c>Orleans:Clustering</c>, <c>Orleans:GrainStorage:*</c>, <c>Orleans:Reminders</c>) has ProviderType AdoNet or
    /// PostgresGroupCommit.
    /// </summary>
    /// <exception cref="DatabaseSetupException">A setting is wrong, the server did not come up in time, or a migration failed.</exception>
    public static async Task<bool> PrepareAsync(IConfiguration configuration, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        logger ??= NullLogger.Instance;

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!UsesAdoNetProvider(configuration))
            {
                DatabaseLog.PostgresNotConfigured(logger);
                return false;
            }

            throw new DatabaseSetupException(
                $"Orleans is configured with AdoNet providers but {ConnectionStringSetting} is not set. " +
                $"Set it (environment variable ConnectionStrings__{ConnectionStringName}), e.g. " +
                "\"Host=127.0.0.1;Port=5432;Database=moviepipeline;Username=postgres\".");
        }

        var options = ReadOptions(configuration);
        ParseConnectionString(connectionString);
        await WaitForDatabaseAsync(connectionString, options, logger, ct);
        if (!options.ApplyMigrations)
        {
            DatabaseLog.MigrationsDisabled(logger);
            return true;
        }

        await SchemaMigrator.ApplyAsync(connectionString, logger, ct);
        return true;
    }

    /// <summary>
    /// Gives <c>ConnectionStrings:MoviePipeline</c> the Npgsql settings the service runs best with,
    /// where the string does not set them itself: <c>Max Auto Prepare</c>, so that the few query
    /// texts Orleans' providers send again and again are parsed and planned once per connection
    /// instead of at every call (PostgreSQL's largest CPU cost per workflow); and <c>Maximum Pool
    /// Size</c> from <c>Database:MaxPoolSize</c>, so that connections are a budget the server's
    /// <c>max_connections</c> can hold (Npgsql's own default, 100 per process, is the whole server).
    /// </summary>
    public static void ApplyConnectionDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString)) return;
        var options = ReadOptions(configuration);
        configuration[ConnectionStringSetting] = WithConnectionDefaults(connectionString, options.MaxPoolSize);
    }

    /// <summary>The connection string with <see cref="ApplyConnectionDefaults"/>' defaults filled in.</summary>
    public static string WithConnectionDefaults(string connectionString, int maxPoolSize = DatabaseStartupOptions.DefaultMaxPoolSize)
    {
        var builder = ParseConnectionString(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
            builder.MaxPoolSize = maxPoolSize;
        return builder.ConnectionString;
    }

    /// <summary>Room for every statement of the three providers and our own, with some to spare.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Checks that <paramref name="connectionString"/> is a usable Npgsql connection string.
    /// The error message names <paramref name="settingName"/> and never repeats the value (it may hold a password).
    /// </summary>
    /// <exception cref="DatabaseSetupException">The string is empty, malformed or names no host.</exception>
    public static NpgsqlConnectionStringBuilder ParseConnectionString(string? connectionString, string settingName = ConnectionStringSetting)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseSetupException($"{settingName} is empty; it must be a PostgreSQL connection string.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new DatabaseSetupException(
                $"{settingName} is not a valid PostgreSQL connection string: {e.Message} " +
                "Expected the form \"Host=127.0.0.1;Port=5432;Database=moviepipeline;Username=postgres\".", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new DatabaseSetupException($"{settingName} names no server: add Host=... (e.g. Host=127.0.0.1).");
        }

        return builder;
    }

    /// <summary>
    /// Opens a connection until one succeeds or <see cref="DatabaseStartupOptions.StartupTimeout"/> passes, retrying
    /// every <see cref="DatabaseStartupOptions.RetryDelay"/> (a Polly retry) and logging each retry. Wrong credentials
    /// fail at once; a missing database is waited for (a start-up script may be creating it).
    /// </summary>
    /// <exception cref="DatabaseSetupException">The server rejected the login or did not come up in time.</exception>
    public static async Task WaitForDatabaseAsync(
        string connectionString, DatabaseStartupOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;
        var builder = ParseConnectionString(connectionString);
        var endpoint = $"{builder.Host}:{builder.Port}";
        var deadline = DateTime.UtcNow + options.StartupTimeout;
        var configuredTimeout = builder.Timeout;
        builder.Pooling = false;

        var retries = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            // Only "not up yet", and only while another attempt still fits before the deadline.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is NotReadyException && DateTime.UtcNow + options.RetryDelay <= deadline),
            OnRetry = args =>
            {
                DatabaseLog.DatabaseNotReady(log, endpoint, args.RetryDelay.TotalSeconds, args.Outcome.Exception!.Message);
                return default;
            },
        }).Build();

        try
        {
            await retries.ExecuteAsync(async token =>
            {
                var remaining = deadline - DateTime.UtcNow;
                builder.Timeout = Math.Clamp((int)Math.Ceiling(remaining.TotalSeconds), 1, Math.Max(configuredTimeout, 1));
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                try
                {
                    await connection.OpenAsync(token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A setup error (wrong login) is thrown from here; an error of no known kind goes on as it is.
                    var reason = NotReadyReason(e, builder, endpoint);
                    if (reason is null) throw;
                    throw new NotReadyException(reason, e);
                }
                DatabaseLog.DatabaseReady(log, endpoint, connection.ServerVersion);
            }, ct);
        }
        catch (NotReadyException e)
        {
            throw new DatabaseSetupException(
                $"PostgreSQL at {endpoint} did not accept connections within {options.StartupTimeout.TotalSeconds:0.#} s " +
                $"(last error: {e.Message}). Start the server (scripts/postgres.sh start DATA_DIR PORT) or fix {ConnectionStringSetting}.");
        }
    }

    /// <summary>Why the server is not ready yet, or null when it will not be (the error is thrown as it is, or as a setup error).</summary>
    private static string? NotReadyReason(Exception error, NpgsqlConnectionStringBuilder builder, string endpoint) => error switch
    {
        PostgresException e when e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
            throw new DatabaseSetupException(
                $"PostgreSQL at {endpoint} rejected the login of user '{builder.Username}': {e.MessageText}. Fix {ConnectionStringSetting}.", e),
        PostgresException e when e.SqlState == PostgresErrorCodes.InvalidCatalogName => $"database '{builder.Database}' does not exist",
        PostgresException e when IsTransient(e.SqlState) => e.MessageText,
        PostgresException e => throw new DatabaseSetupException($"PostgreSQL at {endpoint} refused the connection: {e.SqlState} {e.MessageText}.", e),
        NpgsqlException e => Describe(e),
        TimeoutException e => e.Message,
        _ => null,
    };

    /// <summary>An attempt found the server not up yet; the message says why.</summary>
    private sealed class NotReadyException(string reason, Exception inner) : Exception(reason, inner);

    private static DatabaseStartupOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DatabaseStartupOptions();
        try
        {
            configuration.GetSection(DatabaseStartupOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new DatabaseSetupException($"Section '{DatabaseStartupOptions.SectionName}' has an invalid value: {e.Message}", e);
        }

        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            throw new DatabaseSetupException($"{DatabaseStartupOptions.SectionName}:StartupTimeout must be positive (e.g. \"00:01:00\").");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            throw new DatabaseSetupException($"{DatabaseStartupOptions.SectionName}:RetryDelay must be positive (e.g. \"00:00:02\").");
        }

        if (options.MaxPoolSize < 2)
        {
            // Membership, reminders and grain state each hold a connection at times: one would serialize them all.
            throw new DatabaseSetupException($"{DatabaseStartupOptions.SectionName}:MaxPoolSize must be at least 2 (it is {options.MaxPoolSize}).");
        }

        return options;
    }

    private static bool UsesAdoNetProvider(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        var providerTypes = new List<string?>
        {
            orleans["Clustering:ProviderType"],
            orleans["Reminders:ProviderType"],
        };
        providerTypes.AddRange(orleans.GetSection("GrainStorage").GetChildren().Select(s => s["ProviderType"]));
        return providerTypes.Any(p => string.Equals(p, "AdoNet", StringComparison.OrdinalIgnoreCase)
            || string.Equals(p, GroupCommitStorageRegistration.ProviderType, StringComparison.OrdinalIgnoreCase));
    }

    // Starting up, shutting down, too many clients, or any connection-class error (08xxx).
    private static bool IsTransient(string sqlState) =>
        sqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
        || sqlState.StartsWith("08", StringComparison.Ordinal);

    private static string Describe(NpgsqlException e) =>
        e.InnerException switch
        {
            SocketException socket => socket.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : socket.Message,
            TimeoutException => "connection attempt timed out",
            { } inner => inner.Message,
            null => e.Message,
        };
}
