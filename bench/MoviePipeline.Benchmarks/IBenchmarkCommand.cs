namespace MoviePipeline.Benchmarks;

/// <summary>One benchmark the program can run, chosen by its <see cref="Name"/> on the command line.</summary>
public interface IBenchmarkCommand
{
    /// <summary>The word that selects it: <c>dotnet run ... -- parser</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and returns its report as markdown. Progress goes to <paramref name="log"/>.</summary>
    Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken);
}
