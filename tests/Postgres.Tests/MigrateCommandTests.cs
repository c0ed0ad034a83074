using Microsoft.Extensions.Logging.Abstractions;
using MoviePipeline.Silo.Database;

namespace MoviePipeline.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresFixture fixture)
{
    [Fact]
    public async Task RunAsync_ConnectionArgument_AppliesOnceThenReportsUpToDate()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();

        var (first, firstOutput, _) = await RunAsync(["migrate", "--connection", connectionString], environment: null);
        var (second, secondOutput, _) = await RunAsync(["migrate", $"--connection={connectionString}"], environment: null);

        Assert.Equal((0, 0), (first, second));
        Assert.Contains("Applied 1 migration(s): 0001_orleans.", firstOutput, StringComparison.Ordinal);
        Assert.Contains("already up to date", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EnvironmentConnectionString_IsUsedWithoutArgument()
    {
        var connectionString = await fixture.CreateEmptyDatabaseAsync();

        var (exitCode, _, _) = await RunAsync(["migrate"], environment: connectionString);

        Assert.Equal(0, exitCode);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
    }

    [Theory]
    [InlineData(new string[0], "No connection string")]
    [InlineData(new[] { "migrate", "--colour" }, "Unknown argument '--colour'")]
    [InlineData(new[] { "migrate", "--connection" }, "--connection needs a value")]
    [InlineData(new[] { "migrate", "--wait", "soon" }, "--wait needs a positive number")]
    public async Task RunAsync_BadArguments_ReturnsUsageError(string[] args, string message)
    {
        var (exitCode, _, error) = await RunAsync(args, environment: null);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Usage: MoviePipeline.Silo migrate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedConnection_ReturnsDatabaseErrorNamingTheSource()
    {
        var (exitCode, _, error) = await RunAsync(["--connection", "Port=abc"], environment: null);

        Assert.Equal(1, exitCode);
        Assert.Contains("--connection / ConnectionStrings__MoviePipeline is not a valid PostgreSQL connection string", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndReturnsZero()
    {
        var (exitCode, output, _) = await RunAsync(["migrate", "--help"], environment: null);

        Assert.Equal(0, exitCode);
        Assert.Contains("--connection", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerNeverComes_ReturnsDatabaseErrorAfterWait()
    {
        var port = LoopbackPort.Free();

        var (exitCode, _, error) = await RunAsync(
            ["migrate", "--connection", $"Host=127.0.0.1;Port={port};Username=postgres", "--wait", "0.5"], environment: null);

        Assert.Equal(1, exitCode);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port} did not accept connections within 0.5 s", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? environment)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MigrateCommand.RunAsync(args, environment, NullLogger.Instance, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
