namespace MoviePipeline.Benchmarks.Memory;

/// <summary>The silo process after a full garbage collection.</summary>
/// <param name="ResidentBytes">Resident set size (VmRSS), what the operating system holds for the process.</param>
/// <param name="GcBytes">The GC's committed memory minus its free fragments (Orleans' RawMemoryUsageBytes), after the collection.</param>
/// <param name="Activations">Grain activations in the silo.</param>
public sealed record MemorySample(long ResidentBytes, long GcBytes, int Activations);
