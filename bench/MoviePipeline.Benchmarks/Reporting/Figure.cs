using System.Globalization;

namespace MoviePipeline.Benchmarks.Reporting;

/// <summary>One measured quantity over several runs: the median is the figure, min/max/spread say how far runs disagreed.</summary>
public sealed class Figure(IEnumerable<double> runs)
{
    public IReadOnlyList<double> Runs { get; } = [.. runs];

    public int Count => Runs.Count;

    public double Median => Count == 0 ? double.NaN : Percentiles.Median(Runs);

    public double Min => Count == 0 ? double.NaN : Runs.Min();

    public double Max => Count == 0 ? double.NaN : Runs.Max();

    /// <summary>(max − min) / median.</summary>
    public double Spread => Count == 0 || Median == 0 ? 0 : (Max - Min) / Math.Abs(Median);

    /// <summary>"median (min–max, ±spread)" with the given number format, e.g. "1,234 (1,100–1,300, 16%)".</summary>
    public string Format(string format = "N0") => Count switch
    {
        0 => "n/a",
        1 => Median.ToString(format, CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)}, spread {Spread:P0})"),
    };

    public static Figure Of<T>(IEnumerable<T> runs, Func<T, double> value) => new(runs.Select(value));
}
