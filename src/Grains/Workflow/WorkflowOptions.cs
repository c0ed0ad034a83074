namespace MoviePipeline.Workflow;

/// <summary>How the workflow retries phases and recovers from crashes (configuration section "Workflow").</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>Runs of one phase before the project is failed (the first run counts).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; every further retry waits twice as long.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the recovery reminder of a running workflow fires. After a silo crash the
    /// workflow goes on at the latest this long after the crash was detected.
    /// </summary>
    public TimeSpan RecoveryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Recorded changes kept per workflow; the oldest are dropped beyond it.</summary>
    public int HistoryLimit { get; set; } = 2000;

    /// <summary>The delay before retry <paramref name="attempt"/> (1 = the first retry).</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(RetryInitialDelay.TotalMilliseconds * factor);
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
