namespace MoviePipeline.Benchmarks;

/// <summary>A benchmark could not measure what it measures; its message says why, for the person reading the run.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
