using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MoviePipeline.Benchmarks.StatusLoad;

/// <summary>
/// An open-loop HTTP load generator, run as a separate process (<c>loadgen</c>): request i is due at
/// start + i / rate whatever the answers do, and its latency counts from when it was due, so a slow
/// answer cannot hide the requests queued behind it (no coordinated omission). GETs
/// <c>/api/workflow/{id}/status</c> over keep-alive connections, cycling through the given project ids.
/// </summary>
public static partial class OpenLoopLoadGenerator
{
    public const string Verb = "loadgen";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The arguments the parent passes: base URL, ids file, rate, warm-up seconds, measured seconds, result file.</summary>
    public static IEnumerable<string> Arguments(Uri baseUrl, string idsFile, double rate, double warmupSeconds, double seconds, string resultFile) =>
    [
        Verb, baseUrl.ToString(), idsFile, rate.ToString(CultureInfo.InvariantCulture),
        warmupSeconds.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), resultFile,
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count != 7)
        {
            Console.Error.WriteLine("Usage: loadgen BASE_URL IDS_FILE RATE WARMUP_SECONDS SECONDS RESULT_FILE (started by the status benchmark)");
            return 2;
        }

        var baseUrl = new Uri(args[1]);
        var ids = File.ReadAllLines(args[2]).Where(l => l.Length > 0).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var rate = double.Parse(args[3], CultureInfo.InvariantCulture);
        var warmup = double.Parse(args[4], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[5], CultureInfo.InvariantCulture);
        var result = await GenerateAsync(baseUrl, ids, rate, warmup, seconds);
        await File.WriteAllTextAsync(args[6], JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<LoadStepResult> GenerateAsync(Uri baseUrl, long[] ids, double rate, double warmupSeconds, double seconds)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CookieContainer = new System.Net.CookieContainer(),
        })
        {
            BaseAddress = baseUrl,
            Timeout = RequestTimeout,
        };
        // The projects were made through the cluster client (the user from before accounts): an administrator's to read.
        await MoviePipeline.TestSupport.TestAccounts.SignInAsAdminAsync(http);
        var paths = ids.Select(id => string.Create(CultureInfo.InvariantCulture, $"api/workflow/{id}/status")).ToArray();

        var total = (int)Math.Round(rate * (warmupSeconds + seconds));
        var firstMeasured = (int)Math.Round(rate * warmupSeconds);
        var latencies = new double[total];
        var succeeded = new bool[total];
        var finishedAt = new long[total];
        var tasks = new Task[total];
        string? firstError = null;
        var ticksPerRequest = Stopwatch.Frequency / rate;

        async Task SendAsync(int i, long due)
        {
            try
            {
                using var response = await http.GetAsync(paths[i % paths.Length], HttpCompletionOption.ResponseContentRead);
                succeeded[i] = response.IsSuccessStatusCode;
                if (!response.IsSuccessStatusCode) Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.CompareExchange(ref firstError, ex.Message, null);
            }

            finishedAt[i] = Stopwatch.GetTimestamp();
            latencies[i] = Stopwatch.GetElapsedTime(due, finishedAt[i]).TotalMilliseconds;
        }

        // The pacing loop has a thread of its own, so a busy thread pool cannot delay the schedule.
        // It sleeps until the next request is due (usleep: Thread.Sleep cannot wait under 1 ms)
        // and then sends every request that has come due. It never spins: a spinning pacer took a
        // whole core from the service it measures on this 2-core machine. The kernel wakes it up
        // to ~0.1 ms late; that wait counts in the latency, so the pacing errs on the slow side.
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var pacer = new Thread(() =>
        {
            var next = 0;
            while (next < total)
            {
                var now = Stopwatch.GetTimestamp();
                for (long due; next < total && (due = start + (long)(next * ticksPerRequest)) <= now; next++)
                    tasks[next] = SendAsync(next, due);
                if (next >= total) break;
                var wait = start + (long)(next * ticksPerRequest) - Stopwatch.GetTimestamp();
                if (wait > 0) Usleep((uint)Math.Min(wait * 1_000_000 / Stopwatch.Frequency + 1, 100_000));
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "pacer" };
        pacer.Start();
        pacer.Join();
        await Task.WhenAll(tasks);

        var measured = Enumerable.Range(firstMeasured, total - firstMeasured).ToArray();
        var ok = measured.Where(i => succeeded[i]).ToArray();
        // Failed requests count at their full wait, so errors push the percentiles up rather than hide.
        var sorted = measured.Select(i => latencies[i]).Order().ToArray();
        // Achieved: answers per second from the first measured request's due time to the last answer.
        var firstDue = start + (long)(firstMeasured * ticksPerRequest);
        var window = measured.Length == 0 ? seconds : Stopwatch.GetElapsedTime(firstDue, measured.Max(i => finishedAt[i])).TotalSeconds;
        return new LoadStepResult(
            rate, seconds, measured.Length, ok.Length, measured.Length - ok.Length, ok.Length / window,
            Reporting.Percentiles.OfSorted(sorted, 50), Reporting.Percentiles.OfSorted(sorted, 90),
            Reporting.Percentiles.OfSorted(sorted, 99), Reporting.Percentiles.OfSorted(sorted, 99.9),
            sorted.Length == 0 ? double.NaN : sorted[^1], firstError);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int Usleep(uint microseconds);
}
