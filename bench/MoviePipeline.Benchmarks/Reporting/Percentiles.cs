namespace MoviePipeline.Benchmarks.Reporting;

/// <summary>Nearest-rank percentiles over plain arrays.</summary>
public static class Percentiles
{
    /// <summary>The value at percentile <paramref name="p"/> (0–100) of <paramref name="sorted"/>, which must be sorted ascending.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
