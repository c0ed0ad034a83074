using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Benchmarks.Service;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;

namespace MoviePipeline.Benchmarks.Rerun;

/// <summary>
/// Making a movie again (issue 13), through the running service with local media: a 20-scene script's first run (T1),
/// a run again with no change (T0), and a run after one line of one scene was edited (T2), each from the start request
/// to "completed" as the HTTP client sees it. The silo's own counter of media tool runs says how much work each did.
/// </summary>
public sealed partial class RerunBenchmark : IBenchmarkCommand
{
    private const int EditedScene = 10;

    public string Name => "rerun";

    public string Description => "Editing and making a movie again: first run, run with no change, run after one changed line (local media)";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Describe(); // the load average before anything of ours runs
        var smoke = options.Smoke;
        var sceneCount = smoke ? 2 : 20;
        var repeats = smoke ? 1 : 3;
        var root = Path.Combine(Path.GetTempPath(), $"moviepipeline-rerun-bench-{Guid.NewGuid():N}");
        var artifacts = Path.Combine(root, "artifacts");
        Directory.CreateDirectory(artifacts);
        try
        {
            await using var database = await BenchmarkDatabase.StartAsync(cancellationToken);
            var metrics = new Uri($"http://127.0.0.1:{RunningService.FreePort()}/metrics");
            await using var service = await RunningService.StartAsync(database, root, withGateway: true, log, cancellationToken, new Dictionary<string, string?>
            {
                ["Pipeline:Media"] = "Local",
                ["Media:ArtifactRoot"] = artifacts,
                ["Observability:SiloMetricsUrl"] = metrics.ToString(),
            });
            using var api = new PipelineApi(TestAccounts.NewClient(service.GatewayUrl!));
            await api.Http.SignInAsAdminAsync();
            using var scraper = new HttpClient();

            var script = Script(sceneCount, edited: false);
            var edited = Script(sceneCount, edited: true);
            var runs = new List<(Run First, Run Unchanged, Run Edited, long FirstBytes, long EditedBytes)>();
            for (var repeat = 1; repeat <= repeats; repeat++)
            {
                var id = await api.CreateProjectAsync($"Re-run {repeat}", script);
                log.WriteLine($"Project {id} ({repeat} of {repeats}): first run...");
                var first = await TimedRunAsync(api, scraper, metrics, id, cancellationToken);
                var firstBytes = FolderBytes(Path.Combine(artifacts, "projects", id.ToString(CultureInfo.InvariantCulture)));
                log.WriteLine($"  {first.Seconds:F1} s; run again with no change...");
                var unchanged = await TimedRunAsync(api, scraper, metrics, id, cancellationToken);
                log.WriteLine($"  {unchanged.Seconds:F2} s; one line of scene {Math.Min(EditedScene, sceneCount)} edited, run again...");
                await api.EditScriptAsync(id, edited);
                var changed = await TimedRunAsync(api, scraper, metrics, id, cancellationToken);
                log.WriteLine($"  {changed.Seconds:F2} s.");
                runs.Add((first, unchanged, changed, firstBytes, FolderBytes(Path.Combine(artifacts, "projects", id.ToString(CultureInfo.InvariantCulture)))));
            }

            return Report(options, machine, sceneCount, runs);
        }
        finally
        {
            try
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a process that is on its way out: the temporary folder is the system's to clean.
            }
        }
    }

    private sealed record Run(double Seconds, IReadOnlyDictionary<string, double> ToolRuns)
    {
        public double Tools(string tool) => ToolRuns.GetValueOrDefault(tool);

        public double AllTools => ToolRuns.Values.Sum();
    }

    /// <summary>From the start request to "completed", with the media tools the silo ran in between.</summary>
    private static async Task<Run> TimedRunAsync(PipelineApi api, HttpClient scraper, Uri metrics, long id, CancellationToken cancellationToken)
    {
        var before = await ToolRunsAsync(scraper, metrics, cancellationToken);
        var clock = Stopwatch.StartNew();
        await api.StartAsync(id);
        await api.WaitForCompletedAsync(id, TimeSpan.FromMinutes(15));
        var seconds = clock.Elapsed.TotalSeconds;
        var after = await ToolRunsAsync(scraper, metrics, cancellationToken);
        return new Run(seconds, after.ToDictionary(t => t.Key, t => t.Value - before.GetValueOrDefault(t.Key)));
    }

    /// <summary>The silo's <c>moviepipeline.media.tool.runs</c> counter, by tool, as Prometheus reads it.</summary>
    private static async Task<Dictionary<string, double>> ToolRunsAsync(HttpClient scraper, Uri metrics, CancellationToken cancellationToken)
    {
        var text = await scraper.GetStringAsync(metrics, cancellationToken);
        var runs = new Dictionary<string, double>();
        foreach (Match match in ToolRunsLine().Matches(text))
            runs[match.Groups["tool"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return runs;
    }

    [GeneratedRegex("""^moviepipeline_media_tool_runs(?:_total)?\{[^}]*tool="(?<tool>[^"]+)"[^}]*\}\s+(?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex ToolRunsLine();

    /// <summary>Every scene in a place of its own with two lines; the edit changes the second line of one scene.</summary>
    private static string Script(int scenes, bool edited)
    {
        string[] places = ["KITCHEN", "ROOFTOP", "DINER", "HARBOUR", "ATTIC", "DESERT ROAD", "STATION", "LIBRARY", "GARAGE", "BRIDGE"];
        string[] times = ["DAY", "NIGHT"];
        var text = new StringBuilder("Title: The Benchmark Road\n\n");
        for (var i = 1; i <= scenes; i++)
        {
            var place = $"{places[(i - 1) % places.Length]}{(i > places.Length ? " ROOM" : "")}";
            text.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "EXT." : "INT.")} {place} - {times[(i - 1) / places.Length % 2]}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"SARAH waits by the {place.ToLowerInvariant()} while JOHN checks photograph number {i}.\n\n");
            text.Append("SARAH\nWe have to leave before the rain starts.\n\n");
            var second = edited && i == Math.Min(EditedScene, scenes) ? "Fine. But this time you are driving." : "Fine. But if the engine dies again, you are pushing.";
            text.Append("JOHN\n").Append(second).Append("\n\n");
        }
        return text.ToString();
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    private static string Report(BenchmarkOptions options, string machine, int sceneCount, List<(Run First, Run Unchanged, Run Edited, long FirstBytes, long EditedBytes)> runs)
    {
        var report = new StringBuilder();
        report.Append("# MoviePipeline benchmark: rerun").Append(options.Smoke ? " (smoke run: figures are not meaningful)" : "").Append("\n\n");
        report.Append(machine);
        report.Append("- Service: the Release silo (`Pipeline:Media=Local`, a throwaway PostgreSQL) and gateway as separate processes; this program is the HTTP client\n\n");
        report.Append(CultureInfo.InvariantCulture,
            $"Input: a generated script of {sceneCount} scenes, each with two lines. Per repetition ({runs.Count}): a new project; **T1** its first run; ");
        report.Append("**T0** start again with no change; **T2** the second line of one scene edited (PATCH), then start. Each time is from the start request to \"completed\" as the HTTP client sees it. ");
        report.Append("Tool runs are the silo's counter `moviepipeline.media.tool.runs` (read from its Prometheus endpoint before and after). Figures: median (min–max, spread).\n\n");

        var t1 = new Figure(runs.Select(r => r.First.Seconds));
        var t0 = new Figure(runs.Select(r => r.Unchanged.Seconds));
        var t2 = new Figure(runs.Select(r => r.Edited.Seconds));
        report.Append("| run | seconds | share of T1 (per repetition) | ffmpeg | ffprobe | espeak-ng |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var (name, figure, pick) in new (string, Figure, Func<(Run First, Run Unchanged, Run Edited, long, long), Run>)[]
        {
            ("T1, first run", t1, r => r.First),
            ("T0, no change", t0, r => r.Unchanged),
            ("T2, one line changed", t2, r => r.Edited),
        })
        {
            var share = new Figure(runs.Select(r => pick(r).Seconds / r.First.Seconds * 100));
            report.Append(CultureInfo.InvariantCulture,
                $"| {name} | {figure.Format("F2")} | {share.Format("F1")} % | {new Figure(runs.Select(r => pick(r).Tools("ffmpeg"))).Median:0} | {new Figure(runs.Select(r => pick(r).Tools("ffprobe"))).Median:0} | {new Figure(runs.Select(r => pick(r).Tools("espeak-ng"))).Median:0} |\n");
        }
        report.Append(CultureInfo.InvariantCulture,
            $"\nTargets: T0 ≤ 5 % of T1, T2 ≤ 15 % of T1.\n\nDisk: a project's folder after its first run {new Figure(runs.Select(r => r.FirstBytes / 1048576.0)).Median:F1} MiB; ");
        report.Append(CultureInfo.InvariantCulture,
            $"after the edit and its run {new Figure(runs.Select(r => r.EditedBytes / 1048576.0)).Median:F1} MiB (the first revision's changed pieces stay for `Artifacts:RetentionPeriod`).\n");
        report.Append('\n').Append(MachineInfo.LoadAverageLine("at the end"));
        report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- rerun").Append(options.Smoke ? " --smoke" : "").Append("`\n");
        return report.ToString();
    }
}
