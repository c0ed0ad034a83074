using Microsoft.Extensions.Logging;

namespace MoviePipeline.Workflow;

/// <summary>
/// The reminder that brings a running workflow back after a crash: it fires every period while the workflow runs, and
/// any activation of a running workflow restarts its loop. It exists only while the workflow runs.
/// </summary>
public sealed partial class RecoveryReminder(IGrainBase grain, TimeSpan period, ILogger logger)
{
    public const string Name = "workflow-recovery";

    // The handle from registering, kept so that removing the reminder needs no read of the reminder table.
    private IGrainReminder? _handle;

    /// <summary>Registers the reminder (again: a start or resume always does, before it saves "running").</summary>
    public async Task EnsureAsync() => _handle = await grain.RegisterOrUpdateReminder(Name, period, period);

    /// <summary>Whether this activation registered the reminder (and has not removed it since).</summary>
    public bool Held => _handle is not null;

    /// <summary>Removes the reminder; a failure is logged, not thrown: a leftover reminder's next tick tries again.</summary>
    public async Task RemoveAsync()
    {
        try
        {
            var reminder = _handle ?? await grain.GetReminder(Name);
            _handle = null;
            if (reminder is not null) await grain.UnregisterReminder(reminder);
        }
        catch (Exception ex)
        {
            LogRemoveFailed(ex, grain.GrainContext.GrainId.GetIntegerKey());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: removing the recovery reminder failed")]
    private partial void LogRemoveFailed(Exception ex, long projectId);
}
