using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MoviePipeline.Silo.Database;
using Npgsql;

namespace MoviePipeline.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for tests: its own data directory in a temp folder, a free port on
/// 127.0.0.1, trust authentication, fsync off. <see cref="StartNewAsync"/> also creates database
/// <see cref="DefaultDatabase"/> with our schema. <see cref="StopAsync"/>/<see cref="StartAsync"/>
/// restart the same data directory; disposing stops the server and deletes everything.
/// Runs the server as OS user postgres when the tests run as root (PostgreSQL refuses root).
/// </summary>
/// <example>
/// In a test project (reference tests/TestSupport), wrap it in a collection fixture so one server serves the run:
/// <code>
/// public sealed class DatabaseFixture : IAsyncLifetime
/// {
///     public PostgresServer Server { get; private set; } = null!;
///     public async Task InitializeAsync() => Server = await PostgresServer.StartNewAsync();
///     public async Task DisposeAsync() => await Server.DisposeAsync();
/// }
/// </code>
/// and give the silo <c>ConnectionStrings:MoviePipeline = Server.ConnectionString</c>.
/// </example>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string DefaultDatabase = "moviepipeline";
    public const string Superuser = "postgres";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly List<string> _databases = [];
    private bool _deleted;

    private PostgresServer(string binDirectory, string rootDirectory, bool runAsPostgresUser)
    {
        _binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        _runAsPostgresUser = runAsPostgresUser;
    }

    /// <summary>The temp folder holding the data directory, the socket and <c>postgres.log</c>.</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    public int Port { get; private set; }

    public bool IsRunning { get; private set; }

    /// <summary>Connection string of <see cref="DefaultDatabase"/>.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    /// <summary>
    /// Creates a data directory, starts the server and creates <see cref="DefaultDatabase"/> with the
    /// schema applied by <see cref="SchemaMigrator"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed (run scripts/install-deps.sh) or did not start.</exception>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken ct = default)
    {
        var binDirectory = FindBinDirectory();
        var runAsPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        var root = Path.Combine(Path.GetTempPath(), $"moviepipeline-pg-{Guid.NewGuid():N}");
        var server = new PostgresServer(binDirectory, root, runAsPostgresUser);
        try
        {
            await server.InitializeAsync(ct);
            await server.StartAsync(ct);
            await server.CreateDatabaseAsync(DefaultDatabase, applySchema: true, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = Superuser,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>Creates another database (lower-case letters, digits, underscores) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, bool applySchema = true, CancellationToken ct = default)
    {
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {DatabaseNamePattern()}.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        var connectionString = ConnectionStringFor(name);
        if (applySchema)
        {
            await SchemaMigrator.ApplyAsync(connectionString, logger: null, ct);
        }

        return connectionString;
    }

    /// <summary>Starts the server on the existing data directory (same port as before, if it had one).</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (IsRunning)
        {
            return;
        }

        // A port taken between picking and binding is possible on a busy machine: pick again.
        var keepPort = Port != 0;
        for (var attempt = 1; ; attempt++)
        {
            if (!keepPort)
            {
                Port = FreePort();
            }

            var (exitCode, output) = await RunToolAsync(
                "pg_ctl",
                ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
                ct);
            if (exitCode == 0)
            {
                IsRunning = true;
                return;
            }

            if (keepPort || attempt == 3)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start on port {Port} (pg_ctl exit code {exitCode}).\n{output}\n{ReadLogTail()}");
            }
        }
    }

    /// <summary>Stops the server at once, like a crash (<c>pg_ctl -m immediate</c>); the data directory stays.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!IsRunning)
        {
            return;
        }

        var (exitCode, output) = await RunToolAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", DataDirectory], ct);
        IsRunning = false;
        string[] databases;
        lock (_databases)
        {
            databases = [.. _databases];
        }

        foreach (var database in databases)
        {
            // Pooled connections now point at a dead server: drop them so the next open reconnects.
            using var connection = new NpgsqlConnection(ConnectionStringFor(database));
            NpgsqlConnection.ClearPool(connection);
        }

        if (exitCode != 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            throw new InvalidOperationException($"pg_ctl stop failed (exit code {exitCode}).\n{output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            await StopAsync();
        }
        finally
        {
            DeleteRoot();
        }
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        if (_runAsPostgresUser)
        {
            var (userExit, _) = await ExternalProcess.RunAsync("id", ["-u", Superuser], ToolTimeout, ct);
            if (userExit != 0)
            {
                throw new InvalidOperationException(
                    $"OS user '{Superuser}' does not exist, so PostgreSQL cannot run as root's child. Run scripts/install-deps.sh.");
            }

            // Created by postgres itself, so the server may write its socket and log here.
            await RunCheckedAsync("mkdir", ["-m", "700", RootDirectory], ct, asPostgresUser: true);
        }
        else
        {
            Directory.CreateDirectory(RootDirectory);
        }

        // If the test run dies before disposing, at least a normal process exit cleans up.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

        await RunCheckedAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            ct,
            asPostgresUser: _runAsPostgresUser);

        var settings = $"""

            # Throwaway test server: speed over durability, reachable only from this machine.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{RootDirectory}'
            fsync = off
            # Not UTC on purpose: times stored in a column without time zone would shift and show up in tests.
            timezone = 'Asia/Kolkata'
            full_page_writes = off
            max_connections = 200
            """;
        var configFile = Path.Combine(DataDirectory, "postgresql.conf");
        await File.AppendAllTextAsync(configFile, settings, ct);
    }

    private Task<(int ExitCode, string Output)> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken ct) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, ct, _runAsPostgresUser);

    private async Task RunCheckedAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct, bool asPostgresUser)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, ct, asPostgresUser);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(fileName)}' failed with exit code {exitCode}:\n{output}");
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct, bool asPostgresUser) =>
        asPostgresUser
            ? ExternalProcess.RunAsync("runuser", ["-u", Superuser, "--", fileName, .. arguments], ToolTimeout, ct)
            : ExternalProcess.RunAsync(fileName, arguments, ToolTimeout, ct);

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Best effort at process exit: nothing is left to report to.
        }
    }

    private void DeleteRoot()
    {
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    private string ReadLogTail()
    {
        if (!File.Exists(LogFile))
        {
            return "(no server log)";
        }

        var lines = File.ReadAllLines(LogFile);
        return "Server log (last lines):\n" + string.Join('\n', lines.TakeLast(20));
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Major)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
                "Run scripts/install-deps.sh to install them.");
        }

        if (candidates[0].Major < SchemaMigrator.MinimumServerMajorVersion)
        {
            throw new InvalidOperationException(
                $"PostgreSQL {candidates[0].Major} is installed; the schema needs {SchemaMigrator.MinimumServerMajorVersion} or newer. " +
                "Run scripts/install-deps.sh on a current Debian.");
        }

        return candidates[0].Dir;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();
}
