namespace MoviePipeline.Media;

/// <summary>SplitMix64: a tiny generator whose sequence is fixed forever, so drawings built from it are reproducible.</summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, max).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary>A number in [min, max).</summary>
    public float Range(float min, float max) => min + ((NextULong() >> 40) / (float)(1UL << 24) * (max - min));
}
