using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

namespace MoviePipeline.Benchmarks.Cluster;

/// <summary>
/// An operator's chaos run: a throwaway PostgreSQL, three silo processes and the gateway; many workflows at once, each
/// followed by an event stream as a browser would and polled for its status; then every silo is killed (-9) and replaced,
/// one after another, and PostgreSQL is stopped at once and started again. It reports how many workflows completed,
/// how many were left unfinished, the 5xx answers (and whether each had a problem detail), and how long each stream
/// waited for its next change after a kill of the silo that hosted its workflow.
/// </summary>
public sealed class ChaosBenchmark : IBenchmarkCommand
{
    public string Name => "chaos";

    public string Description => "3 silos, 100 workflows: kill -9 and replace each silo, then restart PostgreSQL; completed, stuck, 5xx, stream gaps";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var workflows = options.Smoke ? 12 : 100;
        // Long enough that every workflow is still running through all four restarts.
        var phaseDuration = TimeSpan.FromSeconds(options.Smoke ? 8 : 15);
        var postgresDowntime = TimeSpan.FromSeconds(5);
        var logDirectory = Path.Combine(Path.GetTempPath(), $"moviepipeline-bench-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}");

        log.WriteLine("Starting PostgreSQL, 3 silos and the gateway...");
        await using var server = await PostgresServer.StartNewAsync(cancellationToken);
        await using var cluster = new LocalCluster(server.ConnectionString, "bench-chaos", logDirectory,
            new Dictionary<string, string?> { ["Pipeline:SimulatedPhaseDuration"] = phaseDuration.ToString("c", CultureInfo.InvariantCulture) });
        var originals = await cluster.StartSilosAsync(3);
        var api = await cluster.StartGatewayAsync();
        await cluster.ConnectClientAsync();

        log.WriteLine($"Creating and starting {workflows} workflows...");
        var ids = new long[workflows];
        await Parallel.ForAsync(0, workflows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, _) =>
        {
            ids[i] = await api.CreateProjectAsync($"Chaos {i}");
            await api.StartAsync(ids[i]);
        });

        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Seconds(600));
        var followers = ids.Select(id => WorkflowFollower.Start(api.Http, id, 0, clock, deadline.Token)).ToList();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var answers = new StatusAnswers();
        var polling = PollStatusesAsync(api.Http, ids, answers, stopPolling.Token);
        await Task.WhenAll(followers.Select(f => f.FirstChange)).WaitAsync(deadline.Token);

        var spread = (await cluster.WorkflowHostsAsync(ids)).Values.GroupBy(s => s?.Name ?? "none").ToDictionary(g => g.Key, g => g.Count());
        var disruptions = new List<(string What, TimeSpan At, TimeSpan? DeclaredDead, IReadOnlySet<long> Hosted)>();
        foreach (var victim in originals)
        {
            var hosts = await cluster.WorkflowHostsAsync(ids);
            var hosted = hosts.Where(h => h.Value?.Name == victim.Name).Select(h => h.Key).ToHashSet();
            log.WriteLine($"Killing {victim}, which hosts {hosted.Count} workflows, and starting a silo in its place...");
            var killedAt = clock.Elapsed;
            victim.Process.Kill();
            var declared = DeclaredDeadAtAsync(cluster, victim, clock);
            await cluster.StartSiloAsync();
            // The next disruption waits for this one's end (the victim declared dead), so that each is measured alone.
            disruptions.Add(($"kill -9 of {victim.Name}", killedAt, await declared, hosted));
        }

        log.WriteLine($"Stopping PostgreSQL for {postgresDowntime.TotalSeconds:0} s...");
        await server.StopAsync(cancellationToken);
        var postgresDown = clock.Elapsed;
        await Task.Delay(postgresDowntime, cancellationToken);
        await server.StartAsync(cancellationToken);
        disruptions.Add(("PostgreSQL restart (from its return)", clock.Elapsed, null, ids.ToHashSet()));

        log.WriteLine("Waiting for every workflow to end...");
        await Task.WhenAll(followers.Select(f => f.Following.ContinueWith(_ => { }, TaskScheduler.Default)));
        await stopPolling.CancelAsync();
        await polling;

        var finals = followers.ToDictionary(f => f.ProjectId, f => f.Changes.LastOrDefault()?.Status ?? "none");
        var completed = finals.Values.Count(s => s == "completed");
        var failed = finals.Values.Count(s => s == "failed");
        var unfinished = workflows - completed - failed;

        var report = new StringBuilder();
        report.Append("# Chaos run").Append(options.Smoke ? " (smoke run: fewer workflows, figures are not meaningful)" : "").Append("\n\n");
        report.Append(MachineInfo.Describe());
        report.Append(CultureInfo.InvariantCulture,
            $"- Cluster: 3 silo processes and the gateway on 127.0.0.1, one throwaway PostgreSQL; the shipped appsettings.json; " +
            $"Pipeline:SimulatedPhaseDuration {phaseDuration.TotalSeconds:0} s; {workflows} workflows started at once, each followed by an event " +
            $"stream and its status read about once a second\n");
        report.Append(CultureInfo.InvariantCulture,
            $"- Disruptions, one after another: each of the 3 first silos killed (-9) and replaced by a new silo (the next kill once it is active), " +
            $"then PostgreSQL stopped at once (`pg_ctl -m immediate`) for {postgresDowntime.TotalSeconds:0} s and started again\n");
        report.Append("- Process logs: ").Append(logDirectory).Append("\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Workflows per silo before the first kill: {string.Join(", ", spread.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}\n\n");
        report.Append("| workflows | completed | failed | not finished | status reads | 5xx with a problem detail | bare 5xx | no answer |\n");
        report.Append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        report.Append(CultureInfo.InvariantCulture,
            $"| {workflows} | {completed} | {failed} | {unfinished} | {answers.Total} | {answers.ProblemFiveHundreds} | {answers.BareFiveHundreds} | {answers.NoAnswer} |\n\n");
        report.Append("After each disruption: for every workflow whose silo was killed (for PostgreSQL: every workflow still running), ");
        report.Append("how long its event stream waited for its next change; for a kill, also when the survivors declared the victim dead ");
        report.Append("(Status 6 in the membership table) and the longest wait counted from then (the gateway's own part).\n\n");
        report.Append("| disruption | streams | declared dead, s | median s | max s | over 5 s | max after declared dead, s |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (what, at, declaredDead, hosted) in disruptions)
        {
            var dead = declaredDead is { } d ? (d - at).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "";
            var gaps = followers.Where(f => hosted.Contains(f.ProjectId))
                .Select(f => f.Changes.FirstOrDefault(c => c.At > at))
                .OfType<ReceivedChange>()
                .Select(c => (c.At - at).TotalSeconds)
                .ToList();
            if (gaps.Count == 0)
            {
                report.Append(CultureInfo.InvariantCulture, $"| {what} | 0 | {dead} | | | | |\n");
                continue;
            }

            var measured = new Measurements(gaps);
            var afterDeclared = declaredDead is { } declaredAt ? (gaps.Max() - (declaredAt - at).TotalSeconds).ToString("F2", CultureInfo.InvariantCulture) : "";
            report.Append(CultureInfo.InvariantCulture,
                $"| {what} | {gaps.Count} | {dead} | {measured.Median:F2} | {gaps.Max():F2} | {gaps.Count(g => g > 5)} | {afterDeclared} |\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"\nPostgreSQL was down from {postgresDown.TotalSeconds:0.0} s to its return; every workflow ended {clock.Elapsed.TotalSeconds:0.0} s after the start.\n");
        report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- chaos").Append(options.Smoke ? " --smoke" : "").Append("`\n");
        if (unfinished > 0 || failed > 0 || answers.BareFiveHundreds > 0)
            throw new BenchmarkFailedException($"{unfinished} workflows did not finish, {failed} failed, {answers.BareFiveHundreds} bare 5xx.\n{report}");
        return report.ToString();
    }

    private static async Task<TimeSpan?> DeclaredDeadAtAsync(LocalCluster cluster, LocalSilo victim, Stopwatch clock)
    {
        await cluster.WaitForSiloStatusAsync(victim, Orleans.Runtime.SiloStatus.Dead, Deadlines.Seconds(120));
        return clock.Elapsed;
    }

    /// <summary>Reads every workflow's status about once a second, as a client's dashboard would, and counts the answers.</summary>
    private static async Task PollStatusesAsync(HttpClient http, IReadOnlyList<long> ids, StatusAnswers answers, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var round = Task.Delay(TimeSpan.FromSeconds(1), ct);
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
                {
                    try
                    {
                        using var response = await http.GetAsync($"/api/workflow/{id}/status", token);
                        var body = await response.Content.ReadAsStringAsync(token);
                        answers.Record(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
                    }
                    catch (HttpRequestException)
                    {
                        answers.RecordNoAnswer();
                    }
                });
                await round;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private sealed class StatusAnswers
    {
        private int _total;
        private int _problemFiveHundreds;
        private int _bareFiveHundreds;
        private int _noAnswer;

        public int Total => _total;
        public int ProblemFiveHundreds => _problemFiveHundreds;
        public int BareFiveHundreds => _bareFiveHundreds;
        public int NoAnswer => _noAnswer;

        public void Record(HttpStatusCode status, string? mediaType, string body)
        {
            Interlocked.Increment(ref _total);
            if ((int)status < 500) return;
            var explained = mediaType == "application/problem+json" && body.Contains("\"detail\"", StringComparison.Ordinal);
            if (explained) Interlocked.Increment(ref _problemFiveHundreds);
            else Interlocked.Increment(ref _bareFiveHundreds);
        }

        public void RecordNoAnswer()
        {
            Interlocked.Increment(ref _total);
            Interlocked.Increment(ref _noAnswer);
        }
    }
}
