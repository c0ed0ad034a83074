namespace MoviePipeline.Media.Tools;

/// <summary>An external program could not start, failed, or ran past its time; carries the end of its stderr.</summary>
public sealed class ExternalToolException : Exception
{
    public ExternalToolException()
        : this("An external media tool failed.")
    {
    }

    public ExternalToolException(string message)
        : this(message, null)
    {
    }

    public ExternalToolException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ToolName = "";
        StandardErrorTail = "";
    }

    public ExternalToolException(string toolName, int? exitCode, bool timedOut, string standardErrorTail, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ToolName = toolName;
        ExitCode = exitCode;
        TimedOut = timedOut;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>The program, e.g. "ffmpeg".</summary>
    public string ToolName { get; }

    /// <summary>Its exit code, or null when it never started or was killed.</summary>
    public int? ExitCode { get; }

    /// <summary>True when it was killed for running past its time.</summary>
    public bool TimedOut { get; }

    /// <summary>The last few KB it wrote to standard error.</summary>
    public string StandardErrorTail { get; }
}
