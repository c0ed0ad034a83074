namespace MoviePipeline.Benchmarks.Reporting;

/// <summary>A set of measurements sorted once, for several order statistics (nearest rank: every figure is a measured value).</summary>
public sealed class Measurements(IEnumerable<double> values)
{
    private readonly double[] _sorted = [.. values.Order()];

    public int Count => _sorted.Length;

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>The smallest measurement with at least <paramref name="percent"/> % of all at or below it.</summary>
    public double At(double percent) => Percentiles.OfSorted(_sorted, percent);

    public double Median => Percentiles.Median(_sorted);
}
