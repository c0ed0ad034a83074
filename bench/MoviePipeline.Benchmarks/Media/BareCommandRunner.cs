using System.Diagnostics;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Benchmarks.Media;

/// <summary>Runs a recorded command directly with <see cref="Process"/>, nothing around it, and times it from start to exit.</summary>
public static class BareCommandRunner
{
    public static async Task<TimeSpan> RunAsync(ExternalToolCommand command, CancellationToken cancellationToken)
    {
        // Started exactly as the runner starts it; only what the runner does around the process is left out.
        using var process = new Process { StartInfo = command.ToStartInfo() };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (command.StandardInput is { } input)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        stopwatch.Stop();
        await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command.ToolName} exited with {process.ExitCode} when replayed bare: {errors.Trim()}\nArguments: {string.Join(' ', command.Arguments)}");
        }

        return stopwatch.Elapsed;
    }
}
