using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MoviePipeline.Silo.Database;

/// <summary>
/// <c>MoviePipeline.Silo migrate [--connection CS] [--wait SECONDS]</c>: applies pending schema
/// migrations and exits. The connection string comes from <c>--connection</c>, else from the
/// environment variable <c>ConnectionStrings__MoviePipeline</c>.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    private const string EnvironmentVariable = "ConnectionStrings__" + DatabaseStartup.ConnectionStringName;

    private const string Usage = $"""
        Usage: MoviePipeline.Silo migrate [--connection CONNECTION_STRING] [--wait SECONDS]
          Applies the pending PostgreSQL schema migrations, then exits.
          --connection  Npgsql connection string; default: environment variable {EnvironmentVariable}
          --wait        how long to wait for the server to accept connections (default 60)
        Exit codes: 0 done, 1 database error, 2 usage error.
        """;

    /// <summary>
    /// Runs the command. <paramref name="args"/> are the process arguments; a leading <c>migrate</c> is skipped.
    /// Returns the process exit code: 0 success, 1 database error, 2 usage error.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
            return await RunAsync(
                args, Environment.GetEnvironmentVariable(EnvironmentVariable), loggerFactory.CreateLogger("MoviePipeline.Migrate"),
                Console.Out, Console.Error, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static async Task<int> RunAsync(
        string[] args, string? environmentConnectionString, ILogger logger, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var arguments = Parse(args);
        if (arguments.Problem is not null)
        {
            await error.WriteLineAsync(arguments.Problem);
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (arguments.Help)
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var connectionString = arguments.Connection ?? environmentConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"No connection string: pass --connection or set {EnvironmentVariable}.");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            DatabaseStartup.ParseConnectionString(connectionString, "--connection / " + EnvironmentVariable);
            var options = new DatabaseStartupOptions { StartupTimeout = arguments.Wait };
            await DatabaseStartup.WaitForDatabaseAsync(connectionString, options, logger, ct);
            var applied = await SchemaMigrator.ApplyAsync(connectionString, logger, ct);
            await output.WriteLineAsync(applied.Count == 0
                ? "Database schema is already up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
            return 0;
        }
        catch (DatabaseSetupException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return 1;
        }
    }

    private static Arguments Parse(string[] args)
    {
        var arguments = new Arguments();
        var start = args.Length > 0 && args[0] == Verb ? 1 : 0;
        for (var i = start; i < args.Length; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            switch (name)
            {
                case "--help" or "-h":
                    return arguments with { Help = true };
                case "--connection":
                    if (!TryValue(args, ref i, inlineValue, out var connection))
                    {
                        return arguments with { Problem = "--connection needs a value." };
                    }

                    arguments = arguments with { Connection = connection };
                    break;
                case "--wait":
                    if (!TryValue(args, ref i, inlineValue, out var seconds)
                        || !double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
                    {
                        return arguments with { Problem = "--wait needs a positive number of seconds." };
                    }

                    arguments = arguments with { Wait = TimeSpan.FromSeconds(value) };
                    break;
                default:
                    return arguments with { Problem = $"Unknown argument '{args[i]}'." };
            }
        }

        return arguments;
    }

    // "--name=value" or "--name" (value in the next argument).
    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TryValue(string[] args, ref int i, string? inlineValue, out string? value)
    {
        if (inlineValue is not null)
        {
            value = inlineValue;
            return value.Length > 0;
        }

        if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = args[++i];
            return true;
        }

        value = null;
        return false;
    }

    private sealed record Arguments(string? Connection = null, bool Help = false, string? Problem = null)
    {
        public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(60);
    }
}
