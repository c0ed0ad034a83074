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
    private Task? _registering;

    /// <summary>Registers the reminder (again: a start or resume always does, before it saves "running").</summary>
    public async Task EnsureAsync() => _handle = await grain.RegisterOrUpdateReminder(Name, period, period);

    /// <summary>
    /// Registers the reminder in the background unless this activation holds it or is registering it; a failure is
    /// logged, and the next call (the keep-alive timer's, every period) tries again. For a loop started by an
    /// activation: the reminder may not be registered (a workflow saved as running by an older version, a removal that
    /// raced with a resume), though after a crash its row normally survives. The run does not wait for it: a restarted
    /// cluster's reminder service may refuse registrations for minutes (until it re-reads its table).
    /// </summary>
    public void KeepRegistered()
    {
        if (_handle is not null || _registering is { IsCompleted: false }) return;
        _registering = RegisterAsync();
    }

    private async Task RegisterAsync()
    {
        try
        {
            await EnsureAsync();
        }
        catch (Exception ex)
        {
            LogRegisterFailed(ex, grain.GrainContext.GrainId.GetIntegerKey());
        }
    }

    /// <summary>Removes the reminder; a failure is logged, not thrown: a leftover reminder's next tick tries again.</summary>
    public async Task RemoveAsync()
    {
        try
        {
            // A registration still under way would otherwise land after the removal.
            if (_registering is { } registering) await registering;
            var reminder = _handle ?? await grain.GetReminder(Name);
            _handle = null;
            if (reminder is not null) await grain.UnregisterReminder(reminder);
        }
        catch (Exception ex)
        {
            LogRemoveFailed(ex, grain.GrainContext.GrainId.GetIntegerKey());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: registering the recovery reminder failed; the run goes on, and it is tried again within a period")]
    private partial void LogRegisterFailed(Exception ex, long projectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: removing the recovery reminder failed")]
    private partial void LogRemoveFailed(Exception ex, long projectId);
}
