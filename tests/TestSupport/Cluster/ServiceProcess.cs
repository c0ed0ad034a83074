using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// One of our services (<c>dotnet Some.dll</c>) running as a child process: everything it prints
/// goes to a log file (kept after the run) and can be waited for line by line. Disposing kills it;
/// so does the end of the test process, so no run leaves an orphan behind.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ServiceProcess, byte> Running = new();

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    static ServiceProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var service in Running.Keys)
            {
                service.KillQuietly();
            }
        };
    }

    private ServiceProcess(string name, Process process, string logFile)
    {
        Name = name;
        _process = process;
        LogFile = logFile;
        _log = new StreamWriter(logFile, append: true) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line printed so far (standard output and error, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c> with the given environment on top of ours.</summary>
    public static ServiceProcess Start(
        string name, string assemblyPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string logFile)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"{assemblyPath} does not exist; build the solution first (dotnet build -c Release).", assemblyPath);
        }

        var serviceEnvironment = new Dictionary<string, string?>
        {
            // The environment of the test run must not pick another configuration for the service.
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // One line per entry with a timestamp: the kept logs can be read side by side.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in environment)
        {
            serviceEnvironment[key] = value;
        }

        return StartProgram(name, DotnetHost, [assemblyPath, .. arguments], serviceEnvironment, logFile, Path.GetDirectoryName(assemblyPath));
    }

    /// <summary>Starts any program (pgbench, say) the same way: output to the log, killed at the latest when the test process ends.</summary>
    public static ServiceProcess StartProgram(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string logFile,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process, logFile);
        service.Write($"# {DateTime.UtcNow:O} starting: {fileName} {string.Join(' ', startInfo.ArgumentList)}");
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.Start();
        Running.TryAdd(service, 0);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The first line that matches (already printed or yet to come); fails if the process exits first or at the deadline.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string description)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            var line = _lines.FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            _waiters.Add((match, seen));
        }

        var exited = _outputClosed.Task;
        var winner = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (winner == seen.Task)
        {
            return await seen.Task;
        }

        var reason = winner == exited ? $"{Name} exited (code {ExitCodeOrUnknown()}) first" : $"not within {timeout.TotalSeconds:0} s";
        throw new TimeoutException($"{Name} did not print {description}: {reason}.\n{Tail()}");
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s.\n{Tail()}");
        }

        await _outputClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Running.TryRemove(this, out _);
        return _process.ExitCode;
    }

    /// <summary>Like a crash: SIGKILL, no chance to hand anything over. Returns once the process is gone.</summary>
    public void Kill()
    {
        Write($"# {DateTime.UtcNow:O} test: kill -9");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        Running.TryRemove(this, out _);
    }

    /// <summary>A graceful stop (SIGTERM, as Ctrl-C or a service manager sends); killed if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        Write($"# {DateTime.UtcNow:O} test: kill -TERM");
        var (exitCode, output) = await ExternalProcess.RunAsync("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (exitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed: {output}");
        }

        try
        {
            return await WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw;
        }
    }

    /// <summary>The last lines printed, for error messages.</summary>
    public string Tail(int count = 30)
    {
        lock (_lines)
        {
            return $"--- last {Math.Min(count, _lines.Count)} lines of {Name} ({LogFile}) ---\n" + string.Join('\n', _lines.TakeLast(count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly();
        try
        {
            await _outputClosed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // A grandchild may hold the pipe open; the log has what arrived.
        }

        lock (_lines)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        Running.TryRemove(this, out _);
    }

    /// <summary>The dotnet host that runs this process, so a child runs on the same runtime.</summary>
    private static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private string ExitCodeOrUnknown() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";

    private void OnLine(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputClosed.TrySetResult();
            }

            return;
        }

        Write(line);
        List<TaskCompletionSource<string>> matched = [];
        lock (_lines)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    matched.Add(_waiters[i].Seen);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in matched)
        {
            waiter.TrySetResult(line);
        }
    }

    private void Write(string line)
    {
        lock (_lines)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after disposal has nowhere to go.
            }
        }
    }
}
