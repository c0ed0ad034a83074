using Npgsql;

namespace MoviePipeline.Gateway.Infrastructure;

/// <summary>The gateway's share of PostgreSQL's connections: it only reads the membership table, so a few are plenty.</summary>
public static class GatewayDatabase
{
    public const int DefaultMaxPoolSize = 4;

    /// <summary>Sets Npgsql's <c>Maximum Pool Size</c> from <c>Database:MaxPoolSize</c> (default 4) unless the connection string sets it.</summary>
    public static void LimitConnections(IConfiguration configuration)
    {
        const string setting = "ConnectionStrings:MoviePipeline";
        if (string.IsNullOrWhiteSpace(configuration[setting])) return;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configuration[setting]);
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configuration[setting] };
            if (given.ContainsKey("Maximum Pool Size") || given.ContainsKey("Max Pool Size") || given.ContainsKey("MaxPoolSize")) return;
            builder.MaxPoolSize = configuration.GetValue("Database:MaxPoolSize", DefaultMaxPoolSize);
            configuration[setting] = builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // A malformed string is left as it is: the membership client reports it with the setting's name.
        }
    }
}
