using System.Collections.Concurrent;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// What a test wants a phase of one project to do before its real work: wait at a gate,
/// fail a number of times. Counts the runs that reached the phase. Shared by every silo of
/// the test process; each test works on its own projects.
/// </summary>
public static class PhaseControl
{
    private static readonly ConcurrentDictionary<(string, long, WorkflowPhase), PhaseBehaviour> Behaviours = new();

    /// <summary>The behaviour of one phase of one project of the test cluster with <paramref name="clusterId"/>.</summary>
    public static PhaseBehaviour For(string clusterId, long projectId, WorkflowPhase phase) =>
        Behaviours.GetOrAdd((clusterId, projectId, phase), _ => new PhaseBehaviour());

    public static PhaseBehaviour Phase(this ClusterFixture fixture, long projectId, WorkflowPhase phase) =>
        For(fixture.Cluster.Options.ClusterId, projectId, phase);
}

public sealed class PhaseBehaviour
{
    private int _runs;
    private int _failuresLeft;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reported = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set to hold every run at the gate until the test opens it.</summary>
    public TaskCompletionSource? Gate { get; private set; }

    public bool FailPermanently { get; set; }

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Completes when a run has reached the phase.</summary>
    public Task Entered => _entered.Task;

    public PhaseBehaviour HoldAtGate()
    {
        Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    public void OpenGate() => Gate?.TrySetResult();

    /// <summary>Set to hold a phase that reports progress after its reports, until the test opens it.</summary>
    public TaskCompletionSource? GateAfterReports { get; private set; }

    public PhaseBehaviour HoldAfterReports()
    {
        GateAfterReports = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    /// <summary>Completes when a run has made its progress reports.</summary>
    public Task Reported => _reported.Task;

    /// <summary>Called by a phase after its progress reports.</summary>
    public async Task ReportedAsync(CancellationToken siloStopping)
    {
        _reported.TrySetResult();
        if (GateAfterReports is { } gate) await gate.Task.WaitAsync(siloStopping);
    }

    public PhaseBehaviour FailTimes(int count)
    {
        _failuresLeft = count;
        return this;
    }

    /// <summary>Called by a phase as it starts; <paramref name="siloStopping"/> ends the wait when the silo dies.</summary>
    public async Task EnterAsync(CancellationToken siloStopping)
    {
        Interlocked.Increment(ref _runs);
        _entered.TrySetResult();
        if (Gate is { } gate) await gate.Task.WaitAsync(siloStopping);
        if (FailPermanently)
            throw new Phases.PhaseFailedException("the test made this phase fail for good", retryable: false);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            throw new InvalidOperationException("the test made this phase fail once");
    }
}
