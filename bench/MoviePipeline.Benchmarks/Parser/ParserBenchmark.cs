using System.Globalization;
using System.Text;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Benchmarks.Parser;

/// <summary>
/// Phase 1's script analysis: throughput in MB/s on a generated ~1 MB screenplay, for the parser alone
/// and for the whole analysis, and time against size from 10 KB to 5 MB to show that it grows linearly
/// (time per MB stays flat). 1 MB = 1,000,000 bytes of UTF-8.
/// </summary>
public sealed class ParserBenchmark : IBenchmarkCommand
{
    private const int Megabyte = 1_000_000;

    public string Name => "parser";

    public string Description => "Fountain parser and script analysis: MB/s on 1 MB, time against size 10 KB - 5 MB";

    public Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var smoke = options.Smoke;
        var analyzer = new FountainScriptAnalyzer();
        var throughputBytes = smoke ? 100_000 : Megabyte;
        var warmups = smoke ? 1 : 3;
        var samples = smoke ? 3 : 9;
        var minimumSample = TimeSpan.FromMilliseconds(smoke ? 5 : 100);

        var report = new StringBuilder();
        report.Append("# Parser benchmark").Append(smoke ? " (smoke run: figures are not meaningful)" : "").Append("\n\n");
        report.Append(MachineInfo.Describe()).Append('\n');

        log.WriteLine($"Generating a {throughputBytes:N0}-byte screenplay...");
        var script = ScreenplayGenerator.Generate(throughputBytes);
        var bytes = Encoding.UTF8.GetByteCount(script);
        var analysis = analyzer.Analyze(script);
        report.Append($"Input: a generated Fountain screenplay of {bytes:N0} bytes ({analysis.Scenes.Count:N0} scenes, {analysis.Characters.Count} characters, {analysis.Settings.Count} settings).\n");
        report.Append($"Each figure: median of {samples} samples after {warmups} warm-up runs; a sample repeats the operation for at least {minimumSample.TotalMilliseconds} ms.\n\n");

        report.Append("## Throughput\n\n");
        report.Append("| operation | median ms | min ms | max ms | spread | median MB/s | allocated MB per MB |\n");
        report.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (operation, run) in new (string, Action)[]
                 {
                     ("FountainParser.Parse", () => FountainParser.Parse(script)),
                     ("FountainScriptAnalyzer.Analyze", () => analyzer.Analyze(script)),
                 })
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.WriteLine($"Measuring {operation}...");
            var set = Sampler.Measure(run, warmups, samples, minimumSample);
            var allocated = AllocatedBytes(run) / (double)bytes;
            report.Append(CultureInfo.InvariantCulture,
                $"| {operation} | {set.Median:F2} | {set.Min:F2} | {set.Max:F2} | {set.Spread:P1} | {MegabytesPerSecond(bytes, set.Median):F1} | {allocated:F1} |\n");
        }

        report.Append("\n## Time against size (FountainScriptAnalyzer.Analyze)\n\n");
        report.Append("Linear growth shows as a flat time per MB; \"vs 1 MB\" compares with the 1 MB row (or the largest size measured). ");
        report.Append("The last two columns time the same work with the garbage collector held off (GC.TryStartNoGCRegion): ");
        report.Append("that is the parser's and analyzer's own work, while the default columns also pay for collecting a heap that grows with the input.\n\n");
        report.Append("| size | bytes | scenes | median ms | spread | ms per MB | MB/s | per MB vs 1 MB | ms per MB, GC held off | held off, vs 1 MB |\n");
        report.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int[] sizes = smoke ? [10_000, 100_000] : [10_000, 100_000, Megabyte, 5 * Megabyte];
        var rows = new List<(string Label, int Bytes, int Scenes, SampleSet Set, SampleSet? HeldOff)>();
        foreach (var size in sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.WriteLine($"Measuring {Label(size)}...");
            var text = ScreenplayGenerator.Generate(size);
            var scenes = analyzer.Analyze(text).Scenes.Count;
            var runs = size >= 5 * Megabyte ? Math.Min(samples, 5) : samples;
            var set = Sampler.Measure(() => analyzer.Analyze(text), warmups, runs, minimumSample);
            var heldOff = Sampler.MeasureWithoutCollections(() => analyzer.Analyze(text), runs, Math.Max(1, Megabyte / 4 / size));
            rows.Add((Label(size), Encoding.UTF8.GetByteCount(text), scenes, set, heldOff));
        }

        var reference = rows.FirstOrDefault(r => r.Bytes >= Megabyte);
        if (reference.Set is null)
        {
            reference = rows[^1];
        }

        var megabytesOf = (int bytes) => bytes / (double)Megabyte;
        var referencePerMb = reference.Set.Median / megabytesOf(reference.Bytes);
        var referenceHeldOff = reference.HeldOff is { } r ? r.Median / megabytesOf(reference.Bytes) : double.NaN;
        foreach (var (label, size, scenes, set, heldOff) in rows)
        {
            var perMb = set.Median / megabytesOf(size);
            var heldOffPerMb = heldOff is null ? double.NaN : heldOff.Median / megabytesOf(size);
            var heldOffColumns = double.IsNaN(heldOffPerMb) ? "n/a | n/a" : string.Create(CultureInfo.InvariantCulture, $"{heldOffPerMb:F1} | {heldOffPerMb / referenceHeldOff:F2}×");
            report.Append(CultureInfo.InvariantCulture,
                $"| {label} | {size:N0} | {scenes:N0} | {set.Median:F2} | {set.Spread:P1} | {perMb:F1} | {MegabytesPerSecond(size, set.Median):F1} | {perMb / referencePerMb:F2}× | {heldOffColumns} |\n");
        }

        report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- parser")
            .Append(smoke ? " --smoke" : "").Append("`\n");
        return Task.FromResult(report.ToString());
    }

    private static double MegabytesPerSecond(int bytes, double milliseconds) => bytes / (double)Megabyte / (milliseconds / 1000);

    private static string Label(int bytes) => bytes >= Megabyte ? $"{bytes / Megabyte} MB" : $"{bytes / 1000} KB";

    private static long AllocatedBytes(Action run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
