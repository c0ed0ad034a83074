using MoviePipeline.Benchmarks.Reporting;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>Runs one service benchmark on its own: a session of its own, a report with the machine and database described.</summary>
public static class SessionRunner
{
    public static async Task<string> RunStandaloneAsync(
        ISessionBenchmark benchmark, BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        await using var session = await BenchmarkSession.StartAsync(options, log, cancellationToken);
        var header = Header($"MoviePipeline benchmark: {benchmark.Name}", session);
        var body = await benchmark.RunInSessionAsync(session, cancellationToken);
        return header + body + Footer(options);
    }

    public static string Header(string title, BenchmarkSession session) =>
        $"# {title}{(session.Options.Smoke ? " (smoke run: figures are not meaningful)" : "")}\n\n"
        + MachineInfo.Describe()
        + $"- PostgreSQL {session.Database.ServerVersion}, a throwaway server on this machine: {session.Database.Durability}\n"
        + "- Service: the Release silo and gateway binaries as separate processes (silo: server GC, grain state and reminders "
        + "with group commit and clustering on that PostgreSQL, `Pipeline:Media=None`); this program is the Orleans client, the HTTP client and the load generator's parent\n\n";

    public static string Footer(BenchmarkOptions options) =>
        "\n" + MachineInfo.LoadAverageLine("at the end")
        + $"\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- {options.Command}"
        + $"{(options.Smoke ? " --smoke" : "")}{(options.OutputPath is { } path ? $" --out {path}" : "")}`\n";
}
