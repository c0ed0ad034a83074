using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MoviePipeline.Media.Tools;

/// <summary>
/// Runs ffmpeg, ffprobe and espeak-ng safely: arguments go through <see cref="ProcessStartInfo.ArgumentList"/>
/// (never a shell string), each run holds a <see cref="MediaWorkLimiter"/> slot, has a timeout, and is killed with
/// its whole process tree on timeout or cancellation. A failure keeps the end of stderr for the person reading it.
/// </summary>
public sealed partial class ExternalToolRunner(MediaWorkLimiter limiter, IOptions<MediaOptions> options, ILogger<ExternalToolRunner> logger)
{
    // The service's meter: every tool started is counted, by tool, so that an operator (or the re-run benchmark) sees
    // how much media work was done, and how much a re-run saved.
    private static readonly Meter Meter = new("MoviePipeline", "1.0");
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "moviepipeline.media.tool.runs", unit: "{run}", description: "External media tools started (ffmpeg, ffprobe, espeak-ng), by tool.");

    private const int StandardErrorTailChars = 4096;
    private const int MaxStandardOutputChars = 4 * 1024 * 1024;

    /// <summary>
    /// Raised after each successful run with its command and result, still inside the run's work slot and before
    /// the caller sees the result (so its scratch files still exist). Lets the media benchmark see and replay every
    /// command the pipeline ran. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<ExternalToolCommand, ExternalToolResult>? Finished;

    /// <summary>Runs the command and returns its output; throws <see cref="ExternalToolException"/> unless it exits 0.</summary>
    /// <exception cref="ExternalToolException">It could not start, exited non-zero or timed out.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the process tree was killed.</exception>
    public async Task<ExternalToolResult> RunAsync(ExternalToolCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var lease = await limiter.AcquireAsync(cancellationToken);
        return await RunInSlotAsync(command, cancellationToken);
    }

    private async Task<ExternalToolResult> RunInSlotAsync(ExternalToolCommand command, CancellationToken cancellationToken)
    {
        var timeout = command.Timeout ?? options.Value.ToolTimeout;
        using var process = new Process { StartInfo = command.ToStartInfo() };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
            Runs.Add(1, new KeyValuePair<string, object?>("tool", command.ToolName));
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            var setting = command.ExecutableSetting is { } s ? $" (setting {s})" : "";
            throw new ExternalToolException(command.ToolName, null, false, "",
                $"{command.ToolName} could not be started from \"{command.Executable}\"{setting}: {ex.Message}. " +
                "Install the media tools with scripts/install-deps.sh or point the setting at the program.", ex);
        }

        var stdout = ReadCappedAsync(process.StandardOutput);
        var stderr = ReadTailAsync(process.StandardError);
        var stdin = WriteInputAsync(process, command.StandardInput);

        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
            await Task.WhenAll(stdout, stderr, stdin).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            // The pipes close once the tree is gone; don't wait forever for an escaped grandchild.
            await Task.WhenAny(Task.WhenAll(stdout, stderr, stdin), Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            var tail = stderr.IsCompletedSuccessfully ? stderr.Result : "";
            if (cancellationToken.IsCancellationRequested)
            {
                LogCancelled(logger, command.ToolName, stopwatch.Elapsed.TotalMilliseconds);
                throw new OperationCanceledException($"{command.ToolName} was stopped because the work was cancelled.", null, cancellationToken);
            }

            LogTimedOut(logger, command.ToolName, timeout.TotalSeconds);
            throw new ExternalToolException(command.ToolName, null, true, tail,
                $"{command.ToolName} took longer than {timeout.TotalSeconds:0.#} s and was stopped." + Describe(tail));
        }

        stopwatch.Stop();
        var errorTail = await stderr;
        if (process.ExitCode != 0)
        {
            LogFailed(logger, command.ToolName, process.ExitCode, errorTail);
            throw new ExternalToolException(command.ToolName, process.ExitCode, false, errorTail,
                $"{command.ToolName} failed with exit code {process.ExitCode}." + Describe(errorTail));
        }

        LogFinished(logger, command.ToolName, stopwatch.Elapsed.TotalMilliseconds);
        var result = new ExternalToolResult(process.ExitCode, await stdout, errorTail, stopwatch.Elapsed);
        Finished?.Invoke(command, result);
        return result;
    }

    private static string Describe(string stderrTail)
    {
        var text = stderrTail.Trim();
        if (text.Length == 0)
            return "";
        if (text.Length > 1000)
            text = "..." + text[^1000..];
        return " Its last output: " + text;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
                await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of it; its exit code tells what happened.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < MaxStandardOutputChars)
                text.Append(buffer, 0, Math.Min(read, MaxStandardOutputChars - text.Length));
        }

        return text.ToString();
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > 2 * StandardErrorTailChars)
                text.Remove(0, text.Length - StandardErrorTailChars);
        }

        if (text.Length > StandardErrorTailChars)
            text.Remove(0, text.Length - StandardErrorTailChars);
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Tool} finished in {Milliseconds:0} ms")]
    private static partial void LogFinished(ILogger logger, string tool, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tool} failed with exit code {ExitCode}: {StandardErrorTail}")]
    private static partial void LogFailed(ILogger logger, string tool, int exitCode, string standardErrorTail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tool} ran past its {Seconds} s timeout and was killed")]
    private static partial void LogTimedOut(ILogger logger, string tool, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Tool} was cancelled after {Milliseconds:0} ms and killed")]
    private static partial void LogCancelled(ILogger logger, string tool, double milliseconds);
}
