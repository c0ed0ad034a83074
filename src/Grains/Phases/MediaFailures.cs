using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;

namespace MoviePipeline.Phases;

/// <summary>
/// Turns what the media libraries throw into <see cref="PhaseFailedException"/>s a person can act on: a tool that
/// cannot be started is not worth retrying (install it), a tool that failed or timed out may be (its stderr tail is
/// kept in the message), a full disk or a lost file too.
/// </summary>
public static class MediaFailures
{
    public const string InstallHint =
        "Run scripts/install-deps.sh to install ffmpeg, espeak-ng and the DejaVu fonts (or fix the Media settings that point at them), then start the workflow again.";

    /// <summary>Whether <paramref name="exception"/> is a media failure that <see cref="ToPhaseFailure"/> explains.</summary>
    public static bool IsMediaFailure(Exception exception) => exception is
        ExternalToolException or MediaAssemblyException or ArtifactNotFoundException or InvalidArtifactKeyException
        or IOException or UnauthorizedAccessException or InvalidDataException;

    /// <summary>
    /// The phase failure for <paramref name="exception"/>; <paramref name="doing"/> says what could not be done, e.g.
    /// "The trailer could not be made". Messages that already say it (the assembler's) are kept as they are.
    /// </summary>
    public static PhaseFailedException ToPhaseFailure(Exception exception, string doing)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (MissingTool(exception) is { } missing)
        {
            // The runner's message names the program, the path tried and the setting behind it.
            var hint = missing.Message.Contains("scripts/install-deps.sh", StringComparison.Ordinal) ? "" : " " + InstallHint;
            return new PhaseFailedException($"{doing}: {missing.Message}{hint}", retryable: false, exception);
        }

        var message = exception switch
        {
            // Already names the scene or the movie and carries the tool's last output.
            MediaAssemblyException => exception.Message,
            ExternalToolException tool => $"{doing}: {WithErrorTail(tool)}",
            UnauthorizedAccessException => $"{doing}: the artifact store cannot be written ({exception.Message}). Check that the silo may write to the Media:ArtifactRoot folder.",
            IOException => $"{doing}: reading or writing a file failed ({exception.Message}). Check that the disk behind Media:ArtifactRoot has free space.",
            _ => $"{doing}: {exception.Message}",
        };

        // A malformed key is a bug, not something a retry fixes; everything else may be transient.
        return new PhaseFailedException(message, retryable: exception is not InvalidArtifactKeyException, exception);
    }

    private static ExternalToolException? MissingTool(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // No exit code and no timeout: the program never started.
            if (e is ExternalToolException { ExitCode: null, TimedOut: false } tool)
                return tool;
        }

        return null;
    }

    private static string WithErrorTail(ExternalToolException tool)
    {
        var tail = tool.StandardErrorTail.Trim();
        if (tail.Length == 0 || tool.Message.Contains(tail.Length > 200 ? tail[^200..] : tail, StringComparison.Ordinal))
            return tool.Message;
        return $"{tool.Message} Its last output: {(tail.Length > 1000 ? "..." + tail[^1000..] : tail)}";
    }
}
