using MoviePipeline.Benchmarks;
using MoviePipeline.Benchmarks.Cluster;
using MoviePipeline.Benchmarks.Database;
using MoviePipeline.Benchmarks.Media;
using MoviePipeline.Benchmarks.Memory;
using MoviePipeline.Benchmarks.Orchestration;
using MoviePipeline.Benchmarks.Parser;
using MoviePipeline.Benchmarks.Rerun;
using MoviePipeline.Benchmarks.Storage;
using MoviePipeline.Benchmarks.StatusLoad;

// The status benchmark starts this program again as its load generator, in a process of its own.
if (args.FirstOrDefault() == OpenLoopLoadGenerator.Verb) return await OpenLoopLoadGenerator.RunAsync(args);

// Every benchmark of the service is a command here; add yours to this list.
IBenchmarkCommand[] commands =
[
    new ParserBenchmark(),
    new OrchestrationBenchmark(),
    new StatusLoadBenchmark(),
    new MemoryBenchmark(),
    new PgbenchBenchmark(),
    new AllBenchmarks(),
    new CrashBenchmark(),
    new ChaosBenchmark(),
    new StorageBenchmark(),
    new MediaBenchmark(),
    new RerunBenchmark(),
];

if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.Out.Write(Usage(commands));
    return args.Length == 0 ? 2 : 0;
}

if (!BenchmarkCommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.Write(Usage(commands));
    return 2;
}

var selected = commands.FirstOrDefault(c => string.Equals(c.Name, options!.Command, StringComparison.OrdinalIgnoreCase));
if (selected is null)
{
    Console.Error.WriteLine($"There is no benchmark called '{options!.Command}'.");
    Console.Error.Write(Usage(commands));
    return 2;
}

// Ctrl-C or SIGTERM cancels the run, so that the silo, gateway and PostgreSQL it started are stopped on the way out.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

string report;
try
{
    report = await selected.RunAsync(options!, Console.Error, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception ex) when (ex is not OperationCanceledException || !cancellation.IsCancellationRequested)
{
    // A clear line and a non-zero exit, never an unhandled exception (exit 134) that hides the reason in a stack dump.
    Console.Error.WriteLine($"Benchmark '{selected.Name}' failed: {ex.Message}");
    if (ex is not BenchmarkFailedException and not TimeoutException) Console.Error.WriteLine(ex);
    return 1;
}

Console.Out.Write(report);
if (options!.OutputPath is { } path)
{
    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
    if (directory is not null)
    {
        Directory.CreateDirectory(directory);
    }

    await File.WriteAllTextAsync(path, report);
    Console.Error.WriteLine($"Report written to {path}.");
}

return 0;

static string Usage(IEnumerable<IBenchmarkCommand> commands)
{
    var lines = new List<string>
    {
        "Usage: dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- <benchmark> [--smoke] [--out FILE]",
        "",
        "  --smoke     a tiny run that only checks the benchmark works (parser: a second; all: about two minutes)",
        "  --out FILE  also write the markdown report to FILE",
        "",
        "Benchmarks:",
    };
    lines.AddRange(commands.Select(c => $"  {c.Name,-14}  {c.Description}"));
    return string.Join(Environment.NewLine, lines) + Environment.NewLine;
}
