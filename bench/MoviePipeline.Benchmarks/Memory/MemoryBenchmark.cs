using System.Globalization;
using System.Text;
using MoviePipeline.Benchmarks.Orchestration;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.Workflow;

namespace MoviePipeline.Benchmarks.Memory;

/// <summary>
/// Issue 7, figure 3: memory per activated idle project. A fresh silo process activates the workflow
/// grains of 10,000 completed projects (a status call each); the growth of the silo's resident memory
/// and GC heap between a full collection before and one after, divided by 10,000.
/// </summary>
public sealed class MemoryBenchmark : ISessionBenchmark
{
    public const int Runs = 3;

    public string Name => "memory";

    public string Description => "resident memory and GC heap per activated idle project, from 10,000 projects";

    public async Task<string> RunInSessionAsync(BenchmarkSession session, CancellationToken cancellationToken)
    {
        var log = session.Log;
        var smoke = session.Options.Smoke;
        var (warm, measured) = smoke ? (20, 200) : (1_000, 10_000);
        var runs = smoke ? 1 : Runs;
        var service = await session.ServiceAsync(cancellationToken);
        while (session.CompletedProjects.Count < warm + measured)
        {
            var missing = Math.Min(5_000, warm + measured - session.CompletedProjects.Count);
            log.WriteLine($"Memory: making {missing:N0} more completed projects...");
            var made = await OrchestrationRunner.RunAsync(service, new ClientWorkflowDriver(service.Client), missing, log, cancellationToken, preCreate: true);
            session.CompletedProjects.AddRange(made.CompletedIds);
        }

        var ids = session.CompletedProjects.Distinct().ToArray();
        var warmIds = ids[..warm];
        var measuredIds = ids[warm..(warm + measured)];
        var results = new List<MemoryRun>();
        for (var run = 1; run <= runs; run++)
        {
            log.WriteLine($"Memory run {run}/{runs}: a fresh silo, {warm:N0} projects to warm up, then {measured:N0} measured...");
            await service.RestartSiloAsync(cancellationToken);
            // Warm up code paths, pools and the GC's budgets on other projects, so the delta is the projects' own.
            await ActivateAsync(service.Client, warmIds, cancellationToken);
            var before = await SampleAsync(service, cancellationToken);
            await ActivateAsync(service.Client, measuredIds, cancellationToken);
            var after = await SampleAsync(service, cancellationToken);
            var result = new MemoryRun(measured, before, after);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.ActivationsAdded:N0} activations added; resident +{result.ResidentBytesPerProject:N0} B, GC heap +{result.GcBytesPerProject:N0} B per project"));
            results.Add(result);
        }

        session.Memory = results;
        return Report(results, warm, measured);
    }

    private static Task ActivateAsync(IClusterClient client, long[] ids, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                if (await client.GetGrain<IProjectWorkflowGrain>(id).GetStatusAsync() is not { Status: WorkflowStatusCode.Completed })
                    throw new InvalidOperationException($"Project {id} is not a completed project.");
            });

    /// <summary>Two full collections in the silo (Orleans' management grain), a pause for the GC to give memory back, then a reading.</summary>
    private static async Task<MemorySample> SampleAsync(RunningService service, CancellationToken cancellationToken)
    {
        var management = service.Client.GetGrain<IManagementGrain>(0);
        var hosts = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
        for (var i = 0; i < 2; i++)
        {
            await management.ForceGarbageCollection(hosts);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var statistics = (await management.GetRuntimeStatistics(hosts)).Single();
        return new MemorySample(ProcFs.ResidentBytes(service.Silo.Id), statistics.EnvironmentStatistics.RawMemoryUsageBytes, statistics.ActivationCount);
    }

    private static string Report(IReadOnlyList<MemoryRun> runs, int warm, int measured)
    {
        var r = new StringBuilder();
        r.Append("## 3. Memory per activated idle project\n\n");
        r.Append(CultureInfo.InvariantCulture, $"""
            Each run starts a fresh silo process, activates {warm:N0} completed projects to warm it up, forces two full
            garbage collections in the silo (Orleans' management grain), and reads the silo's resident set (VmRSS) and the
            GC's committed memory minus its free fragments (Orleans' `RawMemoryUsageBytes`); then it activates the workflow
            grains of {measured:N0} other completed projects (one status call each: the grain loads its project definition and
            workflow state, ~12 history entries), collects again and reads again. Per project = growth / {measured:N0}.
            Median of {runs.Count} runs (min–max).


            """);
        r.Append("| figure | per activated idle project |\n|---|---:|\n");
        r.Append(CultureInfo.InvariantCulture, $"| resident memory (VmRSS) growth | {Figure.Of(runs, x => x.ResidentBytesPerProject / 1024).Format("0.00")} KB |\n");
        r.Append(CultureInfo.InvariantCulture, $"| GC heap growth (committed − fragmented) | {Figure.Of(runs, x => x.GcBytesPerProject / 1024).Format("0.00")} KB |\n");
        r.Append(CultureInfo.InvariantCulture, $"| activations added (expected {measured:N0}) | {Figure.Of(runs, x => x.ActivationsAdded).Format()} |\n");
        r.Append(CultureInfo.InvariantCulture, $"| silo resident memory before → after | {Figure.Of(runs, x => x.Before.ResidentBytes / 1048576.0).Median:N0} MB → {Figure.Of(runs, x => x.After.ResidentBytes / 1048576.0).Median:N0} MB |\n");
        return r.Append('\n').ToString();
    }
}
