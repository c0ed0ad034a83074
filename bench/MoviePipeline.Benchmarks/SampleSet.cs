namespace MoviePipeline.Benchmarks;

/// <summary>Milliseconds per operation, one value per sample, and the usual summaries.</summary>
public sealed class SampleSet(IReadOnlyList<double> milliseconds, IReadOnlyList<double> gcPauseMilliseconds)
{
    public IReadOnlyList<double> Milliseconds { get; } = milliseconds;

    /// <summary>Per sample, the milliseconds per operation the garbage collector held the program paused.</summary>
    public IReadOnlyList<double> GcPauseMilliseconds { get; } = gcPauseMilliseconds;

    /// <summary>The median over samples of the time per operation outside garbage-collection pauses.</summary>
    public double MedianWithoutGc => MedianOf(Milliseconds.Zip(GcPauseMilliseconds, (t, p) => t - p));

    public double Median => MedianOf(Milliseconds);

    public double Min => Milliseconds.Min();

    public double Max => Milliseconds.Max();

    /// <summary>(max − min) / median: how far apart the samples were.</summary>
    public double Spread => Median > 0 ? (Max - Min) / Median : 0;

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
