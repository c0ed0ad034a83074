using System.Collections.Concurrent;
using System.Diagnostics;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.Workflow;

namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>Creates and starts N projects at once through a driver and waits until every workflow has finished.</summary>
public static class OrchestrationRunner
{
    /// <summary>A short screenplay: phase 1 really parses it (three scenes, two characters).</summary>
    public const string Script = """
        INT. KITCHEN - NIGHT

        SARAH stirs a pot. Rain on the window.

        SARAH
        He is late.

        EXT. HARBOUR - DAWN

        JOHN runs along the pier, a bag in one hand.

        JOHN
        (out of breath)
        Wait for me!

        INT. KITCHEN - MORNING

        The pot is cold. SARAH reads a note.

        SARAH
        Of course he missed it.
        """;

    /// <summary>
    /// Creates and starts <paramref name="projects"/> projects at once; with <paramref name="preCreate"/>, creates them
    /// first (64 at a time, not measured) and then starts them all at once, which measures the workflows alone.
    /// </summary>
    public static async Task<OrchestrationRun> RunAsync(
        RunningService service, IWorkflowDriver driver, int projects, TextWriter log, CancellationToken cancellationToken, bool preCreate = false,
        string store = OrchestrationRun.Postgres, bool settledCounters = false)
    {
        var preCreated = new long[projects];
        if (preCreate)
        {
            log.WriteLine($"  {driver.Name}: creating {projects:N0} projects first (64 at a time)...");
            await Parallel.ForEachAsync(Enumerable.Range(0, projects), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
                async (i, ct) => preCreated[i] = await driver.CreateAsync($"Bench {i}", Script, ct));
        }

        // PostgreSQL's WAL and commit counters settle about ten seconds after the storage's connections go idle; the
        // row writes are exact either way.
        var quiet = TimeSpan.FromSeconds(settledCounters ? 12 : 2);
        var before = await service.Database.SnapshotAsync(quiet, cancellationToken);
        var cpuBefore = ReadCpu(service);
        var createMs = new double[projects];
        var startSentAt = new DateTime[projects];
        var ids = new long[projects];
        var errors = new ConcurrentQueue<string>();

        log.WriteLine(preCreate ? $"  {driver.Name}: starting {projects:N0} projects at once..." : $"  {driver.Name}: creating and starting {projects:N0} projects at once...");
        var t0 = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, projects).Select(async i =>
        {
            try
            {
                var sw = Stopwatch.StartNew();
                ids[i] = preCreate ? preCreated[i] : await driver.CreateAsync($"Bench {i}", Script, cancellationToken);
                createMs[i] = sw.Elapsed.TotalMilliseconds;
                startSentAt[i] = DateTime.UtcNow;
                await driver.StartAsync(ids[i], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ids[i] = 0;
                errors.Enqueue(ex.Message);
            }
        }));

        var started = Enumerable.Range(0, projects).Where(i => ids[i] != 0).ToArray();
        var statuses = await WaitForFinishAsync(service, [.. started.Select(i => ids[i])], projects, cancellationToken);
        var cpuAfter = ReadCpu(service); // before the counters settle: the run's CPU, not the idle wait's
        var after = await service.Database.SnapshotAsync(quiet, cancellationToken);

        var completed = started.Where(i => statuses[ids[i]]?.Status == WorkflowStatusCode.Completed).ToArray();
        var failed = projects - completed.Length;
        if (!errors.IsEmpty) log.WriteLine($"  {errors.Count} requests failed, e.g.: {errors.First()}");
        if (failed > 0) log.WriteLine($"  {failed} of {projects} workflows did not complete.");

        var latencies = completed.Select(i => (statuses[ids[i]]!.CompletedAt!.Value - startSentAt[i]).TotalMilliseconds).Order().ToArray();
        var creates = completed.Select(i => createMs[i]).Order().ToArray();
        var lastCompletion = completed.Length == 0 ? DateTime.UtcNow : completed.Max(i => statuses[ids[i]]!.CompletedAt!.Value);
        return new OrchestrationRun(
            driver.Name, preCreate ? OrchestrationRun.StartOnly : OrchestrationRun.CreateAndStart, projects, completed.Length, failed, (lastCompletion - t0).TotalSeconds,
            Percentiles.OfSorted(creates, 50), Percentiles.OfSorted(creates, 99),
            Percentiles.OfSorted(latencies, 50), Percentiles.OfSorted(latencies, 99),
            after.Since(before), cpuAfter - cpuBefore, [.. completed.Select(i => ids[i])], store);
    }

    /// <summary>
    /// Waits until every workflow has finished. Running workflows hold a recovery reminder, so the
    /// cheap signal is the reminder table emptying (with reminders in memory it is empty throughout); then every
    /// status is read once (the grain's own CompletedAt gives the exact finish time), and any not finished yet are
    /// read again until they are.
    /// </summary>
    private static async Task<Dictionary<long, WorkflowStatus?>> WaitForFinishAsync(
        RunningService service, long[] ids, int projects, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Max(60, projects * 0.05));
        while (DateTime.UtcNow < deadline && await service.Database.CountRemindersAsync(cancellationToken) > 0)
            await Task.Delay(100, cancellationToken);

        var statuses = await ReadStatusesAsync(service.Client, ids);
        while (DateTime.UtcNow < deadline)
        {
            var pending = statuses.Where(s => s.Value is not { Status: WorkflowStatusCode.Completed or WorkflowStatusCode.Failed }).Select(s => s.Key).ToArray();
            if (pending.Length == 0) break;
            await Task.Delay(250, cancellationToken);
            foreach (var (id, status) in await ReadStatusesAsync(service.Client, pending)) statuses[id] = status;
        }

        return statuses;
    }

    private static async Task<Dictionary<long, WorkflowStatus?>> ReadStatusesAsync(IClusterClient client, IEnumerable<long> ids)
    {
        var result = new ConcurrentDictionary<long, WorkflowStatus?>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, _) =>
            result[id] = await client.GetGrain<IProjectWorkflowGrain>(id).GetStatusAsync());
        return new Dictionary<long, WorkflowStatus?>(result);
    }

    private static CpuUse ReadCpu(RunningService service) => new(
        ProcFs.CpuSeconds(service.Silo.Id),
        service.Gateway is { } gateway ? ProcFs.CpuSeconds(gateway.Id) : 0,
        ProcFs.PostgresCpuSeconds(service.Database.DataDirectory),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
}
