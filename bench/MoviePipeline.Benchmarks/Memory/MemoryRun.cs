namespace MoviePipeline.Benchmarks.Memory;

/// <summary>One run: a fresh silo, measured before and after activating <see cref="Projects"/> idle projects.</summary>
public sealed record MemoryRun(int Projects, MemorySample Before, MemorySample After)
{
    public double ResidentBytesPerProject => (After.ResidentBytes - Before.ResidentBytes) / (double)Projects;

    public double GcBytesPerProject => (After.GcBytes - Before.GcBytes) / (double)Projects;

    public int ActivationsAdded => After.Activations - Before.Activations;
}
