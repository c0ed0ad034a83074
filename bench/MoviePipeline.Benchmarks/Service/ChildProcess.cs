using System.Diagnostics;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>
/// A process this benchmark started (silo, gateway, load generator): its output goes to a log file,
/// and <see cref="DisposeAsync"/> stops it gracefully (SIGTERM), or kills it when it does not stop.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _copyOut;
    private readonly Task _copyErr;

    private ChildProcess(Process process, string logFile, StreamWriter log)
    {
        _process = process;
        LogFile = logFile;
        _log = log;
        _copyOut = CopyAsync(process.StandardOutput);
        _copyErr = CopyAsync(process.StandardError);
    }

    public int Id => _process.Id;

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and extra environment variables.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.StandardInput.Close();
        return new ChildProcess(process, logFile, log);
    }

    /// <summary>Starts a .NET program (a dll) with the same dotnet host as this one.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile) =>
        Start(DotnetHost, [dll, .. arguments], environment, logFile);

    /// <summary>Waits until the process has exited and everything it printed is in the log.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(_copyOut, _copyErr).WaitAsync(cancellationToken);
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string LogTail(int lines = 25)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Gracefully first: a silo leaves the cluster and hands its grains over.
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No kill(1): the hard stop below does it.
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await Task.WhenAll(_copyOut, _copyErr);
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private async Task CopyAsync(StreamReader reader)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lock (_log) _log.WriteLine(line);
        }
    }
}
