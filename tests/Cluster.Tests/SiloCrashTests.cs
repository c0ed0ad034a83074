using System.Diagnostics;
using System.Text.Json;
using MoviePipeline.Phases;
using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport.Cluster;
using MoviePipeline.Workflow;
using Orleans.Runtime.Placement;
using Xunit.Abstractions;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// Silos that die while workflows run, at two levels. In process (a TestingHost cluster of two silos whose phases a
/// test holds at a gate): exactly which phase runs again and which is joined, and recovery while the reminder service
/// refuses registrations. As processes (three silos and a gateway on PostgreSQL, kill -9): the real thing, checked
/// against what the database recorded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloCrashTests(LocalClusters fixture, TwoSiloClusterFixture inProcess, ITestOutputHelper output)
    : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task KillSilo_HostingWorkflowMidPhase_CompletesOnSurvivorWritingEachPhaseOnce()
    {
        await using var cluster = await fixture.NewClusterAsync(
            "kill-one", new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = "00:00:06" });
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        await cluster.StartSilosAsync(3);
        var api = await cluster.StartGatewayAsync();
        await cluster.ConnectClientAsync(); // set up before the kill, not between the check and the kill

        // The kill must land in phase 2; when it came after phase 2 had ended, say so and try again with a new project.
        long id;
        LocalSilo victim;
        LocalSilo? phaseHost;
        CrashRecovery? recovery;
        var tries = 0;
        do
        {
            Assert.True(++tries <= 3, "Three kills in a row came after phase 2 had ended; the machine is too slow for 6-second phases.");
            id = await api.CreateProjectAsync("Crash");
            await api.StartAsync(id);
            await api.WaitForStatusAsync(id, s => CompletedPhases(s) == 1 && Progress(s) > 33, Timeouts.Phase, "phase 2 running");
            victim = await cluster.WorkflowHostAsync(id) ?? throw new InvalidOperationException($"No silo hosts the workflow of project {id}.");
            phaseHost = await cluster.HostOfAsync<ITrailerToStoryboardGrain>(id);

            recovery = await cluster.KillAndMeasureAsync(victim, id, "storyboard", Timeouts.Recovery);
            if (recovery is null)
            {
                output.WriteLine($"Project {id}: phase 2 had ended before the kill of {victim}; trying again.");
                await api.WaitForCompletedAsync(id, Timeouts.Completion);
                await cluster.StartSiloAsync();
            }
        }
        while (recovery is null);

        var done = await api.WaitForCompletedAsync(id, Timeouts.Completion);
        Assert.Equal(100, Progress(done));
        Assert.Equal(1, Runs(done, 1));
        Assert.Equal(1, Runs(done, 3));
        var survivor = await cluster.WorkflowHostAsync(id);
        Assert.NotNull(survivor);
        Assert.NotEqual(victim.Name, survivor.Name);

        // Phase 1 had completed before the kill: never run again. Every phase's outputs were written
        // once per run that completed (an interrupted run writes nothing).
        var completedRuns = PhaseRuns.CompletedRuns(cluster);
        Assert.Equal(1, await cluster.Database.StateVersionAsync("trailer", id));
        foreach (var (state, phase) in PhaseRuns.Phases)
        {
            Assert.Equal(completedRuns.GetValueOrDefault((id, phase)), await cluster.Database.StateVersionAsync(state, id));
        }

        output.WriteLine($"kill -9 of {victim}: declared dead after {recovery.DeclaredDead.TotalSeconds:0.00} s, " +
            $"workflow wrote again after {recovery.Resumed.TotalSeconds:0.00} s; it finished on {survivor}. " +
            $"Phase 2's grain ran on {(phaseHost?.Name == victim.Name ? "the killed silo too" : phaseHost?.ToString() ?? "no silo")}.");
        output.WriteLine("History from the kill on:");
        output.WriteLine(HistoryFrom(await api.GetAsync($"/api/workflow/{id}/history"), recovery.WorkflowVersionAtKill ?? 0));
    }

    [Fact]
    public async Task KillSilo_HostingWorkflowWhileItsEventStreamWaits_StreamGoesOnFromSurvivor()
    {
        await using var cluster = await fixture.NewClusterAsync(
            "stream-failover", new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = "00:00:06" });
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        await cluster.StartSilosAsync(3);
        // A response timeout far past this test's deadlines: only the gateway's own failover can bring the stream back.
        var api = await cluster.StartGatewayAsync(new Dictionary<string, string?> { ["Orleans:Messaging:ResponseTimeout"] = "00:10:00" });
        await cluster.ConnectClientAsync();
        var id = await api.CreateProjectAsync("Stream failover");
        await api.StartAsync(id);
        var running = await api.WaitForStatusAsync(id, s => CompletedPhases(s) == 1 && Progress(s) > 33, Timeouts.Phase, "phase 2 running");
        var victim = await cluster.WorkflowHostAsync(id) ?? throw new InvalidOperationException($"No silo hosts the workflow of project {id}.");

        // Follow the stream as a browser does (reconnecting from the last id), the gateway's long poll waiting on the victim.
        using var follow = new CancellationTokenSource(Timeouts.Completion);
        var follower = WorkflowFollower.Start(api.Http, id, Version(running) - 1, Stopwatch.StartNew(), follow.Token);
        await follower.FirstChange.WaitAsync(Timeouts.Phase); // the stream is open: its first change (the current state) came

        var killedAt = follower.Clock.Elapsed;
        victim.Process.Kill();
        try
        {
            await follower.Following; // ends with the workflow's final change
        }
        catch (OperationCanceledException) when (follow.IsCancellationRequested)
        {
            throw new TimeoutException($"The event stream did not follow the workflow to its end within {Timeouts.Completion.TotalSeconds:0} s; " +
                $"{follower.Changes.Count(e => e.At > killedAt)} changes came after the kill of {victim}.");
        }

        var seen = follower.Changes;
        var afterKill = seen.Where(e => e.At > killedAt).ToList();
        Assert.NotEmpty(afterKill);
        Assert.Equal("completed", seen[^1].Status);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Version > p.First.Version), "Versions rise along the stream: no change twice.");
        var survivor = await cluster.WorkflowHostAsync(id);
        Assert.NotEqual(victim.Name, survivor?.Name);
        output.WriteLine($"kill -9 of {victim} (hosting the workflow); the stream's next change came {(afterKill[0].At - killedAt).TotalSeconds:0.00} s " +
            $"after the kill, and it followed the workflow to '{seen[^1].Status}' on {survivor}.");
    }

    [Fact]
    public async Task KillSilo_UnderHundredRunningWorkflows_SpreadOverSilos_AllComplete()
    {
        const int projects = 100;
        await using var cluster = await fixture.NewClusterAsync(
            "kill-under-load", new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = "00:00:03" });
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        await cluster.StartSilosAsync(3);
        var api = await cluster.StartGatewayAsync();
        var ids = new long[projects];
        await Parallel.ForAsync(0, projects, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            ids[i] = await api.CreateProjectAsync($"Load {i}");
            await api.StartAsync(ids[i]);
        });

        // Kill once every workflow is inside a phase, the silo that hosts the most of them.
        // (On a busy machine the first may have finished before the last has started: those count as reached.)
        await WaitForAllAsync(api, ids, s => s.GetProperty("currentPhase").ValueKind == JsonValueKind.Number || Status(s) == "completed",
            "a phase running (or done)");
        var hosts = await cluster.WorkflowHostsAsync(ids);
        var spread = hosts.Values.OfType<LocalSilo>().GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Workflows per silo: {string.Join(", ", spread.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        // Placement spreads them: each silo runs a fair share, so that one crash interrupts about a third of the work.
        // (An even spread gives about 33 each; even a random one puts fewer than 10 on a silo less than once in a million runs.)
        Assert.All(cluster.Silos, s => Assert.True(spread.GetValueOrDefault(s.Name) >= 10,
            $"{s.Name} hosts {spread.GetValueOrDefault(s.Name)} of {projects} workflows; spread: {string.Join(", ", spread)}"));
        var victim = hosts.Values.OfType<LocalSilo>().GroupBy(s => s.Name).MaxBy(g => g.Count())!.First();
        var onVictim = hosts.Where(h => h.Value?.Name == victim.Name).Select(h => h.Key).ToHashSet();
        var clock = Stopwatch.StartNew();
        var killedAt = DateTime.UtcNow;
        victim.Process.Kill();

        var finals = await WaitForAllAsync(api, ids, s => Status(s) == "completed", "'completed'");
        var allDone = clock.Elapsed;

        Assert.All(finals.Values, s => Assert.Equal(100, Progress(s)));
        Assert.Equal(projects, (await api.GetAsync("/api/projects")).GetArrayLength());
        // A phase completed before the kill is never run again; every phase's outputs were written once
        // per run that completed. Runs that completed twice come from duplicate activations while the
        // cluster recovers; they overwrite the same outputs.
        var completedRuns = PhaseRuns.CompletedRuns(cluster);
        var repeated = 0;
        foreach (var (number, (state, phase)) in PhaseRuns.Phases.Select((p, i) => (i + 1, p)))
        {
            var versions = await cluster.Database.StateVersionsAsync(state);
            foreach (var id in ids)
            {
                var completedAt = finals[id].GetProperty("phases")[number - 1].GetProperty("completedAt").GetDateTime();
                var expected = completedAt < killedAt ? 1 : completedRuns.GetValueOrDefault((id, phase));
                Assert.True(versions.GetValueOrDefault(id) == expected,
                    $"Project {id}, {state}: written {versions.GetValueOrDefault(id)} times, expected {expected}.");
                repeated += expected > 1 ? 1 : 0;
            }
        }

        output.WriteLine($"{onVictim.Count} of {projects} workflows ran on {victim} when it was killed; " +
            $"all {projects} completed {allDone.TotalSeconds:0.0} s after the kill; {repeated} phase runs completed more than once.");
    }

    // ---- In process: a TestingHost cluster, phases held at a gate ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task KillSilo_HostingRunningWorkflow_WorkflowCompletesOnSurvivor(bool phaseDiesToo) =>
        KillMidPhaseAndFinishAsync(phaseDiesToo, refuseReminderRegistrations: false);

    /// <summary>
    /// A restarted cluster's reminder service can refuse registrations for minutes ("still initializing" until it
    /// re-reads its table). The reminder registered at the start survives the crash and brings the workflow back; its
    /// new activation registers it again beside the loop, and must not wait for that before going on.
    /// </summary>
    [Fact]
    public Task KillSilo_WhileReminderRegistrationsAreRefused_WorkflowStillCompletesOnSurvivor() =>
        KillMidPhaseAndFinishAsync(phaseDiesToo: false, refuseReminderRegistrations: true);

    private async Task KillMidPhaseAndFinishAsync(bool phaseDiesToo, bool refuseReminderRegistrations)
    {
        var cluster = inProcess.Cluster;
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        // The primary holds the test cluster's membership table: kill a secondary (a new one
        // when an earlier test killed the last).
        var victim = cluster.SecondarySilos.FirstOrDefault() ?? await cluster.StartAdditionalSiloAsync();
        var survivor = cluster.Primary!;

        // Place the workflow on the silo we will kill, and phase 2 on the victim or the
        // survivor (a placement hint on each grain's first call).
        var id = await cluster.Client.GetGrain<IProjectIdGrain>(0).ReserveAsync(1);
        var hold = inProcess.Phase(id, WorkflowPhase.TrailerToStoryboard).HoldAtGate();
        await ActivateOnAsync(victim.SiloAddress, () => cluster.Client.Workflow(id).CreateAsync(new ProjectDraft("Crash", null, Workflows.TwoSceneScript, 1)));
        var phase2Grain = cluster.Client.GetGrain<ITrailerToStoryboardGrain>(id);
        await ActivateOnAsync((phaseDiesToo ? victim : survivor).SiloAddress, phase2Grain.GetFramesAsync);
        Assert.Equal(victim.SiloAddress, await management.GetActivationAddress(cluster.Client.Workflow(id)));
        await cluster.Client.Workflow(id).StartAsync();
        await hold.Entered;

        var phase1 = inProcess.Phase(id, WorkflowPhase.ScriptToTrailer);
        var phase2 = inProcess.Phase(id, WorkflowPhase.TrailerToStoryboard);
        var phase3 = inProcess.Phase(id, WorkflowPhase.StoryboardToMovie);

        var reminderKey = SharedMemoryReminderTable.KeyOf(cluster.Options.ClusterId, cluster.Client.Workflow(id).GetGrainId(), RecoveryReminder.Name);
        if (refuseReminderRegistrations)
            SharedMemoryStore.Faults[reminderKey] = new(Enumerable.Repeat(InjectedFault.Refuse, 100_000));
        WorkflowStatus done;
        try
        {
            await cluster.KillSiloAsync(victim);
            phase2.OpenGate();

            // Nobody asks the workflow anything: it must go on by itself (its reminder, or the
            // surviving phase's progress report, reactivates it) and reach phase 3.
            await phase3.Entered.WaitAsync(Workflows.Deadline);
            done = await cluster.Client.Workflow(id).WaitForStatusAsync(WorkflowStatusCode.Completed);
        }
        finally
        {
            SharedMemoryStore.Faults.TryRemove(reminderKey, out _);
        }

        Assert.Equal(100, done.Progress);
        Assert.Equal(1, phase1.Runs);          // the phase before the crash is not run again
        Assert.Equal(phaseDiesToo ? 2 : 1, phase2.Runs); // the interrupted phase: run again, or rejoined
        Assert.Equal(1, phase3.Runs);
        Assert.NotEqual(victim.SiloAddress, await management.GetActivationAddress(cluster.Client.Workflow(id)));
    }

    /// <summary>A test video whose silo dies while the clip is made is made again on a survivor.</summary>
    [Fact]
    public async Task KillSilo_WhileATestVideoIsMade_ItIsMadeAgainOnASurvivor()
    {
        var cluster = inProcess.Cluster;
        var victim = cluster.SecondarySilos.FirstOrDefault() ?? await cluster.StartAdditionalSiloAsync();
        var taskId = Guid.NewGuid().ToString("N");
        var render = inProcess.Clip(taskId).HoldAtGate();
        var task = cluster.Client.GetGrain<MoviePipeline.ClipTasks.IClipTaskGrain>(taskId);
        MoviePipeline.ClipTasks.ClipTaskCreation? created = null;
        await ActivateOnAsync(victim.SiloAddress, async () => created = await task.CreateAsync(new MoviePipeline.ClipTasks.ClipTaskRequest(7, [1], "crash", 5)));
        Assert.Null(created!.Refusal);
        await render.Entered;

        await cluster.KillSiloAsync(victim);
        render.OpenGate();

        // Asked again (as the client polls every few seconds), or woken by its reminder, it is made on the survivor.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (await task.GetAsync() is { Status: MoviePipeline.ClipTasks.ClipTaskStatus.Processing })
        {
            Assert.True(deadline.Elapsed < Workflows.Deadline, "The task is still processing.");
            await Task.Delay(250);
        }
        var done = await task.GetAsync();
        Assert.Equal(MoviePipeline.ClipTasks.ClipTaskStatus.Completed, done!.Status);
        Assert.Equal(2, render.Runs);
        Assert.Equal(7, done.OwnerId);
    }

    private static async Task ActivateOnAsync<T>(SiloAddress silo, Func<Task<T>> firstCall)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await firstCall();
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    /// <summary>Polls every project's status until each satisfies <paramref name="condition"/>; a failed project ends the wait.</summary>
    private static async Task<IReadOnlyDictionary<long, JsonElement>> WaitForAllAsync(
        PipelineApi api, IReadOnlyList<long> ids, Func<JsonElement, bool> condition, string description)
    {
        var reached = new Dictionary<long, JsonElement>();
        var last = new Dictionary<long, JsonElement>();
        var clock = Stopwatch.StartNew();
        while (reached.Count < ids.Count)
        {
            if (clock.Elapsed > Timeouts.Completion)
            {
                var missing = ids.Where(id => !reached.ContainsKey(id)).ToList();
                throw new TimeoutException(
                    $"{missing.Count} projects did not reach {description} within {Timeouts.Completion.TotalSeconds:0} s, e.g. {missing[0]}: " +
                    $"{(last.TryGetValue(missing[0], out var s) ? s : "no answer")}");
            }

            var pending = ids.Where(id => !reached.ContainsKey(id)).ToList();
            var statuses = await Task.WhenAll(pending.Select(async id => (Id: id, Status: await api.TryGetStatusAsync(id))));
            foreach (var (id, status) in statuses)
            {
                if (status is not { } s)
                {
                    continue;
                }

                last[id] = s;
                Assert.False(Status(s) == "failed", $"Project {id} failed: {s}");
                if (condition(s))
                {
                    reached[id] = s;
                }
            }

            await Task.Delay(250);
        }

        return reached;
    }

    private static string HistoryFrom(JsonElement history, long version) => string.Join('\n', history.EnumerateArray()
        .Where(e => e.GetProperty("version").GetInt64() >= version)
        .Take(8)
        .Select(e => $"  v{e.GetProperty("version").GetInt64()} {e.GetProperty("at").GetDateTime():HH:mm:ss.fff} {e.GetProperty("status").GetString()} " +
            $"{e.GetProperty("progress").GetInt32()}% {e.GetProperty("message").GetString()}"));
}

/// <summary>An in-process cluster of two silos, for the tests that kill one.</summary>
public sealed class TwoSiloClusterFixture : ClusterFixture
{
    protected override short Silos => 2;
}
