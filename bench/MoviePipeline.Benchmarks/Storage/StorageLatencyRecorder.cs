using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MoviePipeline.Benchmarks.Storage;

/// <summary>
/// Collects every grain storage latency measurement Orleans reports in this process: the
/// <c>Microsoft.Orleans</c> meter's <c>orleans-storage-write-latency</c> and <c>orleans-storage-read-latency</c>
/// histograms (recorded around each provider call by the grain's persistent state, in milliseconds).
/// </summary>
public sealed class StorageLatencyRecorder : IDisposable
{
    public const string MeterName = "Microsoft.Orleans";
    public const string WriteLatency = "orleans-storage-write-latency";
    public const string ReadLatency = "orleans-storage-read-latency";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<StorageLatency> _measurements = new();

    public StorageLatencyRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is WriteLatency or ReadLatency)
            {
                Units[instrument.Name] = instrument.Unit;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The unit each instrument declares (null if it declares none).</summary>
    public ConcurrentDictionary<string, string?> Units { get; } = new();

    /// <summary>Takes the measurements collected since the last call.</summary>
    public IReadOnlyList<StorageLatency> Drain()
    {
        var drained = new List<StorageLatency>();
        while (_measurements.TryDequeue(out var measurement))
        {
            drained.Add(measurement);
        }

        return drained;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string?>(tags.Length);
        foreach (var (key, tagValue) in tags)
        {
            labels[key] = tagValue?.ToString();
        }

        _measurements.Enqueue(new StorageLatency(instrument.Name, value, labels));
    }
}
