using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

[Collection(ClusterCollection.Name)]
public sealed class WorkflowRunTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Start_FullRun_PassesThroughEveryCheckpointInVersionOrder()
    {
        var id = await Grains.CreateProjectAsync();
        var workflow = Grains.Workflow(id);

        var started = await workflow.StartAsync();
        Assert.Equal(CommandOutcome.Accepted, started.Outcome);
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);

        Assert.Equal(100, done.Progress);
        Assert.Null(done.ErrorMessage);
        Assert.All(done.Phases, p => Assert.Equal(PhaseRunStatus.Completed, p.Status));
        var history = await workflow.GetHistoryAsync(0);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(done.Version, history[^1].Version);

        // The checkpoints of docs/api.md's table, in this order.
        var checkpoints = history.Select(e => (e.Status, e.Progress)).ToList();
        var parsed = checkpoints.IndexOf((WorkflowStatusCode.Parsed, 33));
        var storyboard = checkpoints.IndexOf((WorkflowStatusCode.GeneratingStoryboard, 66));
        var completed = checkpoints.IndexOf((WorkflowStatusCode.Completed, 100));
        Assert.True(parsed > 0 && storyboard > parsed && completed > storyboard, string.Join(", ", checkpoints));
        Assert.Equal(WorkflowStatusCode.Draft, history[0].Status);

        // Progress never goes backwards, and phase 3 moved inside its band (assembling at the end).
        Assert.Equal(history.Select(e => e.Progress).Order(), history.Select(e => e.Progress));
        Assert.Contains(history, e => e.Status == WorkflowStatusCode.GeneratingVideos && e.Progress is > 66 and < 100);
        Assert.Contains(history, e => e.Status == WorkflowStatusCode.Assembling && e.Progress is > 66 and < 100);
    }

    [Fact]
    public async Task Start_RecordsTheStartAndTheFirstPhaseBegun_InOneWrite_AndTheReminderLastsAsLongAsTheRun()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var workflow = Grains.Workflow(id);
        int Writes() => SharedMemoryStore.WritesOf(fixture.Cluster.Options.ClusterId, "workflow", workflow.GetGrainId());
        var before = Writes();

        await workflow.StartAsync();
        await phase1.Entered;

        Assert.Equal(1, Writes() - before);
        var history = await workflow.GetHistoryAsync(0);
        Assert.Equal(["Workflow started.", "Phase 1 (Script to Trailer) started."], history.TakeLast(2).Select(e => e.Message));
        Assert.Equal(history[^2].Version + 1, history[^1].Version);

        // The recovery reminder lives exactly as long as the run.
        bool HasReminder() => SharedMemoryStore.Reminders.Values.Any(r =>
            r.ClusterId == fixture.Cluster.Options.ClusterId && r.GrainId == workflow.GetGrainId() && r.ReminderName == "workflow-recovery");
        Assert.True(HasReminder());
        phase1.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (HasReminder() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.False(HasReminder());
    }

    [Fact]
    public async Task Progress_NobodyWaitsFor_IsWrittenWithTheNextCheckpoint_AndKeptInTheHistory()
    {
        var id = await Grains.CreateProjectAsync();
        var workflow = Grains.Workflow(id);
        int Writes() => SharedMemoryStore.WritesOf(fixture.Cluster.Options.ClusterId, "workflow", workflow.GetGrainId());
        bool HasReminder() => SharedMemoryStore.Reminders.Values.Any(r =>
            r.ClusterId == fixture.Cluster.Options.ClusterId && r.GrainId == workflow.GetGrainId() && r.ReminderName == "workflow-recovery");
        var before = Writes();

        // Nobody reads the workflow during its run: its end shows in storage (the reminder goes after the last write).
        await workflow.StartAsync();
        var deadline = DateTime.UtcNow + Workflows.Deadline;
        while (HasReminder() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.False(HasReminder(), "The run did not end within the deadline.");

        // The start (with phase 1 begun), phase 2 begun (with phase 1's end), phase 3 begun, completed: the progress
        // reports went with them.
        Assert.Equal(4, Writes() - before);
        var history = await workflow.GetHistoryAsync(0);
        Assert.Contains(history, e => e.Message == "Halfway through the clips.");
        Assert.Contains(history, e => e.Message == "Joining the clips.");
        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(WorkflowStatusCode.Completed, history[^1].Status);
    }

    [Fact]
    public async Task Progress_ReadWhileThePhaseRuns_IsShownOnALaterLook()
    {
        var id = await Grains.CreateProjectAsync();
        var phase3 = fixture.Phase(id, WorkflowPhase.StoryboardToMovie).HoldAfterReports();
        var workflow = Grains.Workflow(id);

        await workflow.StartAsync();
        await phase3.Reported.WaitAsync(Workflows.Deadline);
        var shown = await workflow.WaitForAsync(s => s.Message == "Joining the clips.");
        Assert.Equal(WorkflowStatusCode.Assembling, shown.Status);
        Assert.InRange(shown.Progress, 67, 99);

        phase3.GateAfterReports!.TrySetResult();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
    }

    [Fact]
    public async Task Pause_DuringPhase1_StopsAtCheckpointUntilResumed()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard);
        var workflow = Grains.Workflow(id);

        await workflow.StartAsync();
        await phase1.Entered;
        var pause = await workflow.PauseAsync();
        Assert.Equal(CommandOutcome.Accepted, pause.Outcome);
        Assert.True(pause.Status!.PauseRequested);
        Assert.Equal(WorkflowStatusCode.Parsing, pause.Status.Status);
        Assert.Equal(CommandOutcome.Accepted, (await workflow.PauseAsync()).Outcome); // asking twice is harmless

        phase1.OpenGate();
        var paused = await workflow.WaitForStatusAsync(WorkflowStatusCode.Paused);
        Assert.Equal(33, paused.Progress);
        Assert.Equal(1, paused.CompletedPhases);
        Assert.False(paused.PauseRequested);
        Assert.Equal(0, phase2.Runs);
        Assert.Equal(CommandOutcome.Accepted, (await workflow.PauseAsync()).Outcome); // paused already: harmless
        Assert.Equal(paused.Version, (await workflow.GetStatusAsync())!.Version);

        var resumed = await workflow.ResumeAsync();
        Assert.Equal(CommandOutcome.Accepted, resumed.Outcome);
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
        Assert.Equal(1, phase1.Runs);
        Assert.Equal(1, phase2.Runs);
        Assert.Equal(100, done.Progress);
    }

    [Fact]
    public async Task Resume_BeforeCheckpointReached_CancelsThePause()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var workflow = Grains.Workflow(id);
        await workflow.StartAsync();
        await phase1.Entered;

        await workflow.PauseAsync();
        var resumed = await workflow.ResumeAsync();
        Assert.Equal(CommandOutcome.Accepted, resumed.Outcome);
        Assert.False(resumed.Status!.PauseRequested);

        phase1.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
        var history = await workflow.GetHistoryAsync(0);
        Assert.DoesNotContain(history, e => e.Status == WorkflowStatusCode.Paused);
    }

    [Fact]
    public async Task Commands_InWrongState_AreConflictsThatSayTheStatus()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).HoldAtGate();
        var workflow = Grains.Workflow(id);

        var pauseDraft = await workflow.PauseAsync();
        Assert.Equal(CommandOutcome.Conflict, pauseDraft.Outcome);
        Assert.Contains("'draft'", pauseDraft.Message);
        Assert.Equal(CommandOutcome.Conflict, (await workflow.ResumeAsync()).Outcome);

        await workflow.StartAsync();
        var before = await workflow.GetStatusAsync();
        var startAgain = await workflow.StartAsync();
        Assert.Equal(CommandOutcome.Conflict, startAgain.Outcome);
        Assert.Contains("'parsing'", startAgain.Message);
        var resumeRunning = await workflow.ResumeAsync();
        Assert.Equal(CommandOutcome.Conflict, resumeRunning.Outcome);
        Assert.Equal(before!.Version, (await workflow.GetStatusAsync())!.Version); // conflicts change nothing

        phase1.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
        var pauseDone = await workflow.PauseAsync();
        Assert.Equal(CommandOutcome.Conflict, pauseDone.Outcome);
        Assert.Contains("'completed'", pauseDone.Message);
    }

    [Fact]
    public async Task Commands_OnUnknownProject_AreNotFound()
    {
        var workflow = Grains.Workflow(long.MaxValue - 7);
        Assert.Null(await workflow.GetStatusAsync());
        Assert.Equal(CommandOutcome.NotFound, (await workflow.StartAsync()).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await workflow.PauseAsync()).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await workflow.ResumeAsync()).Outcome);
    }

    [Fact]
    public async Task PermanentFailure_MarksProjectFailed_AndStartGoesOnFromThatPhase()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer);
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard);
        phase2.FailPermanently = true;
        var workflow = Grains.Workflow(id);

        await workflow.StartAsync();
        var failed = await workflow.WaitForStatusAsync(WorkflowStatusCode.Failed);
        Assert.Equal("Phase 2 (Trailer to Storyboard) failed: the test made this phase fail for good", failed.ErrorMessage);
        Assert.Equal(33, failed.Progress);
        Assert.Equal(1, phase2.Runs); // not retryable: no second attempt

        phase2.FailPermanently = false;
        var restarted = await workflow.StartAsync();
        Assert.Equal(CommandOutcome.Accepted, restarted.Outcome);
        Assert.Equal(WorkflowStatusCode.GeneratingStoryboard, restarted.Status!.Status);
        Assert.Null(restarted.Status.ErrorMessage);
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);

        Assert.Equal(1, phase1.Runs);
        Assert.Equal(2, phase2.Runs);
        Assert.Equal(1, done.Phases[0].Runs);
        Assert.NotNull(await Grains.GetGrain<Phases.IScriptToTrailerGrain>(id).GetOutputAsync());
    }

    [Fact]
    public async Task TransientFailure_IsRetriedWithBackoff_AndAttemptsShowInStatus()
    {
        var id = await Grains.CreateProjectAsync();
        var phase1 = fixture.Phase(id, WorkflowPhase.ScriptToTrailer).FailTimes(2);
        var workflow = Grains.Workflow(id);

        await workflow.StartAsync();
        var done = await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);

        Assert.Equal(3, phase1.Runs);
        Assert.Equal(3, done.Phases[0].Attempts);
        Assert.Equal(1, done.Phases[1].Attempts);
        var history = await workflow.GetHistoryAsync(0);
        Assert.Contains(history, e => e.Message.StartsWith("Phase 1 (Script to Trailer) attempt 1 failed: the test made this phase fail once", StringComparison.Ordinal));
        Assert.Contains(history, e => e.Message.Contains("attempt 3 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TransientFailure_AfterLastAttempt_FailsNamingPhaseAndCause()
    {
        var id = await Grains.CreateProjectAsync();
        var phase3 = fixture.Phase(id, WorkflowPhase.StoryboardToMovie).FailTimes(10);
        var workflow = Grains.Workflow(id);

        await workflow.StartAsync();
        var failed = await workflow.WaitForStatusAsync(WorkflowStatusCode.Failed);

        Assert.Equal("Phase 3 (Storyboard to Movie) failed after 3 attempts: the test made this phase fail once", failed.ErrorMessage);
        Assert.Equal(3, phase3.Runs);
        Assert.Equal(66, failed.Progress);
        Assert.Equal(PhaseRunStatus.Failed, failed.Phases[2].Status);
    }

    [Fact]
    public async Task Status_WhilePhaseIsHeld_AnswersWithoutWaitingForThePhase()
    {
        var id = await Grains.CreateProjectAsync();
        var phase2 = fixture.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        var workflow = Grains.Workflow(id);
        await workflow.StartAsync();
        await phase2.Entered;

        // The phase stays held until the gate opens below: a status call that waited for it would
        // never answer, so each must answer within the deadline. (How fast it answers is the status
        // benchmark's business, not a timed test's.)
        for (var i = 0; i < 50; i++)
        {
            var status = await workflow.GetStatusAsync().WaitAsync(Workflows.Deadline);
            Assert.Equal(WorkflowStatusCode.GeneratingStoryboard, status!.Status);
        }

        phase2.OpenGate();
        await workflow.WaitForStatusAsync(WorkflowStatusCode.Completed);
    }
}
