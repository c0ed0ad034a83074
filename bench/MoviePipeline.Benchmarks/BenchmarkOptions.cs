namespace MoviePipeline.Benchmarks;

/// <summary>What the command line asked for.</summary>
/// <param name="Command">The benchmark to run.</param>
/// <param name="Smoke">A tiny run that checks the benchmark works, in about a second (CI runs it); its figures mean little.</param>
/// <param name="OutputPath">Where to write the markdown report as well as printing it, or null.</param>
public sealed record BenchmarkOptions(string Command, bool Smoke, string? OutputPath);
