namespace MoviePipeline.Media.Tools;

/// <summary>What a successful external program run printed.</summary>
/// <param name="ExitCode">Always 0 here: failures throw <see cref="ExternalToolException"/>.</param>
/// <param name="StandardOutput">Standard output, cut at 4 MiB.</param>
/// <param name="StandardErrorTail">The last few KB of standard error.</param>
/// <param name="Elapsed">Wall-clock time of the run, without the wait for a work slot.</param>
public sealed record ExternalToolResult(int ExitCode, string StandardOutput, string StandardErrorTail, TimeSpan Elapsed);
