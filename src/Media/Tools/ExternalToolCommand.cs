using System.Diagnostics;
using System.Text;

namespace MoviePipeline.Media.Tools;

/// <summary>
/// One run of an external program. Every argument reaches the program verbatim as its own argv element:
/// no shell ever parses it, so text from a script cannot become a command.
/// </summary>
/// <param name="ToolName">Name used in messages, e.g. "ffmpeg".</param>
/// <param name="Executable">Path or bare name (looked up on PATH).</param>
/// <param name="Arguments">The argument list.</param>
public sealed record ExternalToolCommand(string ToolName, string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>Text written to the program's standard input as UTF-8 (no BOM), then closed.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Folder the program runs in; relative paths in the arguments resolve against it.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Overrides <see cref="MediaOptions.ToolTimeout"/> for this run.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The setting that names the executable, quoted when it cannot be started.</summary>
    public string? ExecutableSetting { get; init; }

    /// <summary>How the process is started: no shell, every stream redirected, UTF-8 both ways (no BOM on input).</summary>
    public ProcessStartInfo ToStartInfo()
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (WorkingDirectory is { } folder)
            startInfo.WorkingDirectory = folder;
        foreach (var argument in Arguments)
            startInfo.ArgumentList.Add(argument);
        return startInfo;
    }
}
