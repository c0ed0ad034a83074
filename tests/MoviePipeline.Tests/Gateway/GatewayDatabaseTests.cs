using Microsoft.Extensions.Configuration;
using MoviePipeline.Gateway.Infrastructure;

namespace MoviePipeline.Tests.Gateway;

/// <summary>The gateway's share of PostgreSQL's connections.</summary>
public sealed class GatewayDatabaseTests
{
    [Theory]
    [InlineData("Host=db;Database=movies;Username=app", null, 4)]
    [InlineData("Host=db;Database=movies;Username=app", "6", 6)]
    [InlineData("Host=db;Database=movies;Username=app;Maximum Pool Size=30", "6", 30)]
    public void LimitConnections_SetsThePoolCeiling_UnlessTheStringSetsIt(string connectionString, string? maxPoolSize, int expected)
    {
        var configuration = Configuration(connectionString, maxPoolSize);

        Assert.Null(GatewayDatabase.LimitConnections(configuration));

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(configuration["ConnectionStrings:MoviePipeline"]).MaxPoolSize);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("1")]
    public void LimitConnections_BadSetting_IsASentenceNamingIt(string maxPoolSize)
    {
        var error = GatewayDatabase.LimitConnections(Configuration("Host=db;Database=movies;Username=app", maxPoolSize));

        Assert.Contains("Database:MaxPoolSize", error, StringComparison.Ordinal);
        Assert.Contains(maxPoolSize, error, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string connectionString, string? maxPoolSize)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:MoviePipeline"] = connectionString };
        if (maxPoolSize is not null) settings["Database:MaxPoolSize"] = maxPoolSize;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
