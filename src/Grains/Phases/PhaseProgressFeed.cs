using MoviePipeline.Workflow;

namespace MoviePipeline.Phases;

/// <summary>
/// The progress reports of one phase run, kept for the streams that follow it. Reports may come from any thread (a
/// media tool's progress callback), so it locks; followers wait on <see cref="NextReport"/>.
/// </summary>
public sealed class PhaseProgressFeed
{
    private readonly List<PhaseProgress> _reports = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get { lock (_reports) return _reports.Count; }
    }

    /// <summary>Completes when a report is added after this was read.</summary>
    public Task NextReport
    {
        get { lock (_reports) return _next.Task; }
    }

    public Task AddAsync(PhaseProgress report)
    {
        TaskCompletionSource added;
        lock (_reports)
        {
            _reports.Add(report);
            added = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>The reports from index <paramref name="from"/> on.</summary>
    public PhaseProgress[] From(int from)
    {
        lock (_reports) return from >= _reports.Count ? [] : [.. _reports.Skip(Math.Max(0, from))];
    }
}
