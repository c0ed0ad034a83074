using MoviePipeline.Benchmarks;
using MoviePipeline.Benchmarks.Cluster;
using MoviePipeline.Benchmarks.Parser;
using MoviePipeline.Benchmarks.Storage;

// Every benchmark of the service is a command here; add yours to this list.
IBenchmarkCommand[] commands =
[
    new ParserBenchmark(),
    new CrashBenchmark(),
    new StorageBenchmark(),
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

var report = await selected.RunAsync(options!, Console.Error, CancellationToken.None);
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
        "  --smoke     a tiny run (about a second) that only checks the benchmark works",
        "  --out FILE  also write the markdown report to FILE",
        "",
        "Benchmarks:",
    };
    lines.AddRange(commands.Select(c => $"  {c.Name,-10}  {c.Description}"));
    return string.Join(Environment.NewLine, lines) + Environment.NewLine;
}
