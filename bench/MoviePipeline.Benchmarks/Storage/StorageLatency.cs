namespace MoviePipeline.Benchmarks.Storage;

/// <summary>One storage latency measurement: the instrument, its value and its tags (provider, state, ...).</summary>
public sealed record StorageLatency(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
