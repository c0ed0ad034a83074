using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

/// <summary>The workflow's rules, without Orleans: every status against every command, then the paths through them.</summary>
public sealed class WorkflowMachineTests
{
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly WorkflowOptions Options = new() { MaxAttempts = 3, RetryInitialDelay = TimeSpan.FromSeconds(2) };

    // What each command does in each state. "-": the command is not a request and has no answer.
    // saved: the decision must be written before anything else happens.
    private const string Table = """
        state                 command        answer    next       status                 saved
        draft                 start          accepted  continue   parsing                yes
        draft                 pause          conflict  none       draft                  no
        draft                 resume         conflict  none       draft                  no
        draft                 edit           accepted  none       draft                  yes
        draft                 continue       -         none       draft                  no
        draft                 progress       -         none       draft                  no
        draft                 completed      -         continue   draft                  no
        draft                 failed         -         continue   draft                  no
        draft                 failed-final   -         continue   draft                  no
        parsing               start          conflict  none       parsing                no
        parsing               pause          accepted  none       parsing                yes
        parsing               resume         conflict  none       parsing                no
        parsing               edit           conflict  none       parsing                no
        parsing               continue       -         runphase   parsing                no
        parsing               progress       -         none       parsing                yes
        parsing               completed      -         continue   parsed                 no
        parsing               failed         -         retry      parsing                yes
        parsing               failed-final   -         stop       failed                 yes
        pausing               start          conflict  none       parsing                no
        pausing               pause          accepted  none       parsing                no
        pausing               resume         accepted  none       parsing                yes
        pausing               edit           conflict  none       parsing                no
        pausing               continue       -         runphase   parsing                no
        pausing               progress       -         none       parsing                yes
        pausing               completed      -         continue   parsed                 no
        pausing               failed         -         retry      parsing                yes
        pausing               failed-final   -         stop       failed                 yes
        parsed                start          conflict  none       parsed                 no
        parsed                pause          accepted  none       parsed                 yes
        parsed                resume         conflict  none       parsed                 no
        parsed                edit           conflict  none       parsed                 no
        parsed                continue       -         runphase   generating_storyboard  yes
        parsed                progress       -         none       parsed                 no
        parsed                completed      -         continue   parsed                 no
        parsed                failed         -         continue   parsed                 no
        parsed                failed-final   -         continue   parsed                 no
        generating_storyboard start          conflict  none       generating_storyboard  no
        generating_storyboard pause          accepted  none       generating_storyboard  yes
        generating_storyboard resume         conflict  none       generating_storyboard  no
        generating_storyboard edit           conflict  none       generating_storyboard  no
        generating_storyboard continue       -         runphase   generating_storyboard  no
        generating_storyboard progress       -         none       generating_storyboard  yes
        generating_storyboard completed      -         continue   generating_storyboard  no
        generating_storyboard failed         -         retry      generating_storyboard  yes
        generating_storyboard failed-final   -         stop       failed                 yes
        generating_videos     start          conflict  none       generating_videos      no
        generating_videos     pause          accepted  none       generating_videos      yes
        generating_videos     resume         conflict  none       generating_videos      no
        generating_videos     edit           conflict  none       generating_videos      no
        generating_videos     continue       -         runphase   generating_videos      no
        generating_videos     progress       -         none       generating_videos      yes
        generating_videos     completed      -         continue   generating_videos      no
        generating_videos     failed         -         retry      generating_videos      yes
        generating_videos     failed-final   -         stop       failed                 yes
        assembling            start          conflict  none       assembling             no
        assembling            pause          accepted  none       assembling             yes
        assembling            resume         conflict  none       assembling             no
        assembling            edit           conflict  none       assembling             no
        assembling            continue       -         runphase   assembling             no
        assembling            progress       -         none       assembling             yes
        assembling            completed      -         continue   assembling             no
        assembling            failed         -         retry      assembling             yes
        assembling            failed-final   -         stop       failed                 yes
        completed             start          accepted  continue   parsing                yes
        completed             pause          conflict  none       completed              no
        completed             resume         conflict  none       completed              no
        completed             edit           accepted  none       draft                  yes
        completed             continue       -         none       completed              no
        completed             progress       -         none       completed              no
        completed             completed      -         continue   completed              no
        completed             failed         -         continue   completed              no
        completed             failed-final   -         continue   completed              no
        failed                start          accepted  continue   parsing                yes
        failed                pause          conflict  none       failed                 no
        failed                resume         conflict  none       failed                 no
        failed                edit           accepted  none       draft                  yes
        failed                continue       -         none       failed                 no
        failed                progress       -         none       failed                 no
        failed                completed      -         continue   failed                 no
        failed                failed         -         continue   failed                 no
        failed                failed-final   -         continue   failed                 no
        paused                start          accepted  continue   generating_storyboard  yes
        paused                pause          accepted  none       paused                 no
        paused                resume         accepted  continue   generating_storyboard  yes
        paused                edit           accepted  none       draft                  yes
        paused                continue       -         none       paused                 no
        paused                progress       -         none       paused                 no
        paused                completed      -         continue   paused                 no
        paused                failed         -         continue   paused                 no
        paused                failed-final   -         continue   paused                 no
        """;

    public static TheoryData<string, string, string, string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string, string, string, string>();
        foreach (var line in Table.Split('\n').Skip(1))
        {
            var c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rows.Add(c[0], c[1], c[2], c[3], c[4], c[5]);
        }
        return rows;
    }

    [Fact]
    public void Table_CoversEveryStateAndCommand()
    {
        var rows = Rows().Select(r => ((string)r[0], (string)r[1])).ToList();
        Assert.Equal(States.Keys.Count * Commands.Count, rows.Distinct().Count());
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(Enum.GetValues<WorkflowStatusCode>().Select(StatusNames.ToApi).Order(), States.Values.Select(s => StatusNames.ToApi(s().Status)).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_FollowsTheTable(string state, string command, string answer, string next, string status, string saved)
    {
        var before = States[state]();
        var decision = WorkflowMachine.Decide(before, Commands[command](before), Options);

        Assert.Equal(answer, decision.Answer is { } a ? a.Outcome.ToString().ToLowerInvariant() : "-");
        Assert.Equal(next, decision.Next switch
        {
            WorkflowStep.RetryAfterDelay => "retry",
            var step => step.ToString().ToLowerInvariant(),
        });
        Assert.Equal(status, StatusNames.ToApi(decision.State.Status));
        Assert.Equal(saved == "yes", decision.Persist);

        // Every change is a new version, one after another, and a refusal or a stale report changes nothing.
        Assert.Equal(Enumerable.Range(1, decision.Changes.Length).Select(n => before.Version + n), decision.Changes.Select(c => c.Version));
        Assert.Equal(before.Version + decision.Changes.Length, decision.State.Version);
        if (decision.Changes.IsEmpty && decision.State.Status == before.Status && decision.Next is not WorkflowStep.Continue)
            Assert.Equal(before, decision.State);
        if (decision.Answer?.Outcome == CommandOutcome.Conflict && before.Status != WorkflowStatusCode.Completed)
            Assert.Contains($"'{StatusNames.ToApi(before.Status)}'", decision.Answer.Message);
        if (decision.Next == WorkflowStep.RunPhase)
        {
            Assert.NotNull(decision.Run);
            Assert.Equal((decision.State.RunId, decision.State.NextPhase, decision.State.Attempt), (decision.Run.RunId, decision.Run.Phase, decision.Run.Attempt));
        }
    }

    [Fact]
    public void FullRun_PassesTheCheckpointsOfTheContract_InOneVersionOrder()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        for (var phase = 1; phase <= 3; phase++)
        {
            run.Continue();
            run.Do(new PhaseProgressed(run.State.RunId!, 0.5, "Halfway.", Assembling: phase == 3, At));
            run.Do(new PhaseCompleted(run.State.RunId!, "done", At));
        }
        var last = run.Continue();

        Assert.Equal(WorkflowStep.Stop, last.Next);
        Assert.Equal(WorkflowStatusCode.Completed, run.State.Status);
        Assert.Equal(100, run.State.Progress);
        Assert.False(run.State.Running);
        Assert.All(run.State.Phases, p => Assert.Equal(PhaseRunStatus.Completed, p.Status));
        Assert.Equal(
            [("draft", 0), ("parsing", 0), ("parsing", 0), ("parsing", 16), ("parsed", 33),
             ("generating_storyboard", 33), ("generating_storyboard", 49), ("generating_storyboard", 66),
             ("generating_videos", 66), ("assembling", 83), ("completed", 100)],
            run.History.Select(e => (StatusNames.ToApi(e.Status), e.Progress)));
        Assert.Equal(Enumerable.Range(1, run.History.Count).Select(v => (long)v), run.History.Select(e => e.Version));
    }

    [Fact]
    public void PhaseCompleted_BeforeTheLast_IsKeptForTheNextWrite_AndTheNextPhaseCarriesIt()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        var done = run.Do(new PhaseCompleted(run.State.RunId!, "3 scenes", At));
        Assert.False(done.Persist);
        Assert.Equal("Phase 1 (Script to Trailer) completed: 3 scenes", Assert.Single(done.Changes).Message);

        var next = run.Continue();
        Assert.True(next.Persist);
        Assert.Equal(WorkflowPhase.TrailerToStoryboard, next.Run!.Phase);
        Assert.Equal("Phase 2 (Trailer to Storyboard) started.", Assert.Single(next.Changes).Message);
    }

    [Fact]
    public void Start_OnACompletedWorkflow_RunsEveryPhaseAgain_AndRecordsWhatEachReused()
    {
        var run = Phase3Running().Complete().Then(new ContinueWorkflow(At));
        Assert.Equal(WorkflowStatusCode.Completed, run.State.Status);

        var again = run.Do(new StartWorkflow(At));
        Assert.Equal(WorkflowStep.Continue, again.Next);
        Assert.Equal(["Started again for revision 1: what was made before from the same inputs is reused.", "Phase 1 (Script to Trailer) started."],
            again.Changes.Select(c => c.Message));
        Assert.Equal((0, WorkflowPhase.ScriptToTrailer, 0), (run.State.CompletedPhases, run.State.CurrentPhase!.Value, run.State.Progress));
        Assert.All(run.State.Phases.Skip(1), p => Assert.Equal(PhaseRunStatus.Pending, p.Status));

        run.Do(new PhaseCompleted(run.State.RunId!, "12 scenes", At, new SceneWork(1, 11)));
        Assert.Equal(new SceneWork(1, 11), run.State.Phases[0].Work);
        Assert.Null(run.Continue().State.Phases[1].Work);
        run.Complete().Then(new ContinueWorkflow(At)).Complete();
        Assert.Equal(WorkflowStep.Stop, run.Continue().Next);
        Assert.Equal((WorkflowStatusCode.Completed, 100), (run.State.Status, run.State.Progress));
    }

    [Fact]
    public void Edit_MakesADraftOfTheNewRevision_ThatStartsFromPhase1()
    {
        var run = Phase1Done().Then(new ContinueWorkflow(At)).Fail();
        Assert.Equal(WorkflowStatusCode.Failed, run.State.Status);

        var edited = run.Do(new EditProject(2, At));
        Assert.True(edited.Persist);
        Assert.Equal((WorkflowStatusCode.Draft, 0, 0, 2), (run.State.Status, run.State.Progress, run.State.CompletedPhases, run.State.Revision));
        Assert.Null(run.State.ErrorMessage);
        Assert.All(run.State.Phases, p => Assert.Equal(PhaseRunStatus.Pending, p.Status));
        Assert.Equal(2, Assert.Single(edited.Changes).Revision);

        // The same edit told again (a retried write) changes nothing.
        Assert.Empty(run.Do(new EditProject(2, At)).Changes);

        var started = run.Do(new StartWorkflow(At));
        Assert.Equal(WorkflowPhase.ScriptToTrailer, started.State.CurrentPhase);
        Assert.Equal("Workflow started.", started.Changes[0].Message);
    }

    [Fact]
    public void Pause_DuringAPhase_TakesEffectAtTheNextCheckpoint()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        Assert.True(run.Do(new PauseWorkflow(At)).State.PauseRequested);
        run.Do(new PhaseCompleted(run.State.RunId!, "done", At));

        var paused = run.Continue();
        Assert.Equal(WorkflowStep.Stop, paused.Next);
        Assert.Equal(WorkflowStatusCode.Paused, run.State.Status);
        Assert.Equal("Paused after 1 of 3 phases.", run.State.Message);
        Assert.False(run.State.PauseRequested);
        Assert.Null(run.State.CurrentPhase);

        var resumed = run.Do(new ResumeWorkflow(At));
        Assert.Equal(["Workflow resumed.", "Phase 2 (Trailer to Storyboard) started."], resumed.Changes.Select(c => c.Message));
        Assert.Equal(1, run.State.Attempt);
    }

    [Fact]
    public void TransientFailures_AreRetriedWithBackoff_ThenFailTheProjectNamingPhaseAndCause()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var retry = run.Do(new PhaseFailed(run.State.RunId!, "busy", Retryable: true, LostSilo: false, At));
            Assert.Equal(WorkflowStep.RetryAfterDelay, retry.Next);
            Assert.Equal($"Phase 1 (Script to Trailer) attempt {attempt} failed: busy. Retrying in {retry.RetryDelay.TotalSeconds:0.###} s.", run.State.Message);
            delays.Add(retry.RetryDelay);
            Assert.Equal($"Phase 1 (Script to Trailer) started again, attempt {attempt + 1} of 3.", run.Continue().Changes.Single().Message);
        }

        var failed = run.Do(new PhaseFailed(run.State.RunId!, "busy", Retryable: true, LostSilo: false, At));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);
        Assert.Equal(WorkflowStep.Stop, failed.Next);
        Assert.Equal("Phase 1 (Script to Trailer) failed after 3 attempts: busy", run.State.ErrorMessage);
        Assert.Equal(PhaseRunStatus.Failed, run.State.Phases[0].Status);
        Assert.Equal(3, run.State.Phases[0].Attempts);
    }

    [Fact]
    public void LostSilo_CostsTheRunButNotAnAttempt()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(WorkflowStep.RetryAfterDelay, run.Do(new PhaseFailed(run.State.RunId!, "gone", Retryable: true, LostSilo: true, At)).Next);
            run.Continue();
        }
        Assert.Equal(1, run.State.Attempt);
        Assert.Equal(6, run.State.Phases[0].Runs);
    }

    [Fact]
    public void Reports_FromAnEarlierRun_AreDropped()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        var old = run.State.RunId!;
        run.Do(new PhaseFailed(old, "busy", Retryable: true, LostSilo: false, At));
        run.Continue();

        Assert.Empty(run.Do(new PhaseProgressed(old, 0.9, "late", false, At)).Changes);
        Assert.Empty(run.Do(new PhaseCompleted(old, "late", At)).Changes);
        Assert.Equal(0, run.State.CompletedPhases);
    }

    [Fact]
    public void Restart_AfterAFailure_GoesOnFromTheFailedPhase_KeepingEarlierOutputs()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        run.Do(new PhaseCompleted(run.State.RunId!, "done", At));
        run.Continue();
        run.Do(new PhaseFailed(run.State.RunId!, "bad input", Retryable: false, LostSilo: false, At));
        Assert.Equal("Phase 2 (Trailer to Storyboard) failed: bad input", run.State.ErrorMessage);

        var again = run.Do(new StartWorkflow(At.AddMinutes(5)));
        Assert.Equal("The workflow goes on from the phase that failed.", again.Answer!.Message);
        Assert.Equal(["Started again from phase 2 (Trailer to Storyboard).", "Phase 2 (Trailer to Storyboard) started."], again.Changes.Select(c => c.Message));
        Assert.Null(run.State.ErrorMessage);
        Assert.Equal(At, run.State.StartedAt); // the first start
        Assert.Equal(1, run.State.CompletedPhases);
    }

    [Fact]
    public void Progress_StaysInsideThePhaseBand_AndNeverGoesBack()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        run.Do(new PhaseProgressed(run.State.RunId!, 0.9, "far", false, At));
        Assert.Equal(29, run.State.Progress);
        run.Do(new PhaseProgressed(run.State.RunId!, 0.1, "back", false, At));
        Assert.Equal(29, run.State.Progress);
        run.Do(new PhaseProgressed(run.State.RunId!, 7, "beyond", false, At));
        Assert.Equal(32, run.State.Progress); // the band's end comes only with the phase's completion
    }

    [Fact]
    public void Progress_NobodyWaitsFor_IsRecordedAndGoesWithTheNextWrite()
    {
        var run = new Run();
        run.Do(new StartWorkflow(At));
        var unwatched = run.Do(new PhaseProgressed(run.State.RunId!, 0.5, "Halfway.", false, At, Watched: false));
        Assert.False(unwatched.Persist);
        var recorded = Assert.Single(unwatched.Changes);
        Assert.Equal((run.State.Version, "Halfway."), (recorded.Version, recorded.Message));

        var watched = run.Do(new PhaseProgressed(run.State.RunId!, 0.8, "Nearly.", false, At, Watched: true));
        Assert.True(watched.Persist);
        Assert.Equal(recorded.Version + 1, Assert.Single(watched.Changes).Version); // the write holds both
    }

    private static readonly Dictionary<string, Func<WorkflowMachineState, WorkflowCommand>> Commands = new()
    {
        ["start"] = _ => new StartWorkflow(At),
        ["pause"] = _ => new PauseWorkflow(At),
        ["resume"] = _ => new ResumeWorkflow(At),
        ["edit"] = s => new EditProject(s.Revision + 1, At),
        ["continue"] = _ => new ContinueWorkflow(At),
        ["progress"] = s => new PhaseProgressed(s.RunId ?? "no-run", 0.5, "Halfway.", false, At),
        ["completed"] = s => new PhaseCompleted(s.RunId ?? "no-run", "done", At),
        ["failed"] = s => new PhaseFailed(s.RunId ?? "no-run", "busy", Retryable: true, LostSilo: false, At),
        ["failed-final"] = s => new PhaseFailed(s.RunId ?? "no-run", "bad input", Retryable: false, LostSilo: false, At),
    };

    // Each state of the table, reached through the rules themselves.
    private static readonly Dictionary<string, Func<WorkflowMachineState>> States = new()
    {
        ["draft"] = () => new Run().State,
        ["parsing"] = () => new Run().Do(new StartWorkflow(At)).State,
        ["pausing"] = () => new Run().Then(new StartWorkflow(At)).Do(new PauseWorkflow(At)).State,
        ["parsed"] = () => Phase1Done().State,
        ["generating_storyboard"] = () => Phase1Done().Then(new ContinueWorkflow(At)).State,
        ["generating_videos"] = () => Phase3Running().State,
        ["assembling"] = () => Phase3Running().Report(0.9, assembling: true).State,
        ["completed"] = () => Phase3Running().Complete().Then(new ContinueWorkflow(At)).State,
        ["failed"] = () => new Run().Then(new StartWorkflow(At)).Fail().State,
        ["paused"] = () => new Run().Then(new StartWorkflow(At)).Then(new PauseWorkflow(At)).Complete().Then(new ContinueWorkflow(At)).State,
    };

    private static Run Phase1Done() => new Run().Then(new StartWorkflow(At)).Complete();

    private static Run Phase3Running() =>
        Phase1Done().Then(new ContinueWorkflow(At)).Complete().Then(new ContinueWorkflow(At));

    /// <summary>A workflow driven by the rules alone, keeping the history as the grain would.</summary>
    private sealed class Run
    {
        public WorkflowMachineState State { get; private set; } = WorkflowMachine.Decide(WorkflowMachineState.Initial(7), new CreateWorkflow(At), Options).State;

        public List<WorkflowEvent> History { get; } = [new(1, At, WorkflowStatusCode.Draft, 0, null, "Project created.")];

        public WorkflowDecision Do(WorkflowCommand command)
        {
            var decision = WorkflowMachine.Decide(State, command, Options);
            State = decision.State;
            History.AddRange(decision.Changes);
            return decision;
        }

        public WorkflowDecision Continue() => Do(new ContinueWorkflow(At));

        public Run Then(WorkflowCommand command)
        {
            Do(command);
            return this;
        }

        public Run Complete() => Then(new PhaseCompleted(State.RunId!, "done", At));

        public Run Fail() => Then(new PhaseFailed(State.RunId!, "bad input", Retryable: false, LostSilo: false, At));

        public Run Report(double fraction, bool assembling) => Then(new PhaseProgressed(State.RunId!, fraction, "Report.", assembling, At));
    }
}
