using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using MoviePipeline.Persistence;
using MoviePipeline.Workflow;

namespace MoviePipeline.ClipTasks;

/// <summary>
/// One test video: see <see cref="IClipTaskGrain"/>. The image is kept in the artifact store and the task saved as
/// processing (reminder first, so a saved task always has something to run it), then the clip is made beside the
/// grain's calls. Any activation of a processing task, or its reminder, makes the clip again; a task whose render failed
/// <see cref="MaxAttempts"/> times, or whose silo died that often under it, is failed with the reason.
/// </summary>
public sealed partial class ClipTaskGrain(
    [PersistentState("task")] IPersistentState<ClipTaskState> state,
    IClipRenderer renderer,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<ClipTaskGrain> logger) : Grain, IClipTaskGrain, IRemindable
{
    public const string ReminderName = "clip-task";
    public const int MaxAttempts = 3;

    private Task? _work;

    private string TaskId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Status == ClipTaskStatus.Processing) EnsureWork();
        return Task.CompletedTask;
    }

    public async Task<ClipTaskCreation> CreateAsync(ClipTaskRequest request)
    {
        if (state.RecordExists) return new ClipTaskCreation(ClipTaskRefusal.Exists, "A task with this id exists already.");
        var kept = await renderer.KeepImageAsync(ArtifactKeys.TaskImage(TaskId), request.Image);
        if (kept.Refusal is not null) return kept;
        await StorageFailures.RunAsync(() => this.RegisterOrUpdateReminder(ReminderName, Period, Period), "Registering the task's reminder");
        state.State = new ClipTaskState
        {
            OwnerId = request.OwnerId,
            Status = ClipTaskStatus.Processing,
            Prompt = request.Prompt,
            DurationSeconds = request.DurationSeconds,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        try
        {
            await StorageFailures.RunAsync(state.WriteStateAsync, "Saving the task");
        }
        catch
        {
            // Not saved, so not ours to run: the next call reads storage again.
            DeactivateOnIdle();
            throw;
        }
        EnsureWork();
        return ClipTaskCreation.Accepted;
    }

    public Task<ClipTask?> GetAsync() => Task.FromResult(state.RecordExists
        ? new ClipTask(TaskId, state.State.OwnerId, state.State.Status, state.State.Prompt, state.State.DurationSeconds,
            state.State.ClipKey, state.State.Error, state.State.CreatedAt)
        : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.RecordExists && state.State.Status == ClipTaskStatus.Processing)
        {
            EnsureWork();
            return;
        }
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    private TimeSpan Period => options.Value.RecoveryReminderPeriod;

    private void EnsureWork()
    {
        if (_work is { IsCompleted: false }) return;
        _work = WorkAsync();
    }

    private async Task WorkAsync()
    {
        // Counted before the render, so a render that kills its silo every time still ends.
        state.State.Attempts++;
        if (state.State.Attempts > MaxAttempts)
        {
            await FinishAsync(ClipTaskStatus.Failed, null, $"The clip could not be made in {MaxAttempts} attempts.");
            return;
        }
        await state.WriteStateAsync();
        var clipKey = ArtifactKeys.TaskClip(TaskId);
        try
        {
            using (MediaWorkOwner.Begin("clip-task-" + TaskId))
                await renderer.RenderAsync(ArtifactKeys.TaskImage(TaskId), state.State.DurationSeconds, clipKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRenderFailed(ex, TaskId, state.State.Attempts);
            if (state.State.Attempts < MaxAttempts) return; // the reminder's next tick tries again
            await FinishAsync(ClipTaskStatus.Failed, null, $"The clip could not be made: {ex.Message}");
            return;
        }
        await FinishAsync(ClipTaskStatus.Completed, clipKey, null);
    }

    private async Task FinishAsync(ClipTaskStatus status, string? clipKey, string? error)
    {
        state.State.Status = status;
        state.State.ClipKey = clipKey;
        state.State.Error = error;
        await state.WriteStateAsync();
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Test video {TaskId}: attempt {Attempt} failed")]
    private partial void LogRenderFailed(Exception ex, string taskId, int attempt);
}
