using Npgsql;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>The gateway's share of PostgreSQL's connections: it only reads the membership table, so a few are plenty.</summary>
public static class GatewayDatabase
{
    public const int DefaultMaxPoolSize = 4;

    /// <summary>
    /// Sets Npgsql's <c>Maximum Pool Size</c> from <c>Database:MaxPoolSize</c> (default 4) unless the connection string
    /// sets it. Returns a sentence for the operator when the setting is not a number of at least 2, else null.
    /// </summary>
    public static string? LimitConnections(IConfiguration configuration)
    {
        const string setting = "ConnectionStrings:MoviePipeline";
        var maxPoolSize = DefaultMaxPoolSize;
        if (configuration["Database:MaxPoolSize"] is { } text && (!int.TryParse(text, out maxPoolSize) || maxPoolSize < 2))
            return $"Database:MaxPoolSize must be a whole number of at least 2 (it is '{text}').";
        if (string.IsNullOrWhiteSpace(configuration[setting])) return null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configuration[setting]);
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configuration[setting] };
            if (given.ContainsKey("Maximum Pool Size") || given.ContainsKey("Max Pool Size") || given.ContainsKey("MaxPoolSize")) return null;
            builder.MaxPoolSize = maxPoolSize;
            configuration[setting] = builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // A malformed string is left as it is: the membership client reports it with the setting's name.
        }
        return null;
    }
}
