namespace MoviePipeline.Benchmarks.Service;

/// <summary>A benchmark of the running service: alone it starts its own session, within "all" it shares one.</summary>
public interface ISessionBenchmark : IBenchmarkCommand
{
    /// <summary>Runs in <paramref name="session"/>, keeps its typed results there, and returns its report section.</summary>
    Task<string> RunInSessionAsync(BenchmarkSession session, CancellationToken cancellationToken);

    /// <summary>Alone: starts a session of its own (PostgreSQL and the service), runs in it and stops it.</summary>
    Task<string> IBenchmarkCommand.RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken) =>
        SessionRunner.RunStandaloneAsync(this, options, log, cancellationToken);
}
