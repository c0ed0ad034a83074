using System.Diagnostics;

namespace MoviePipeline.Benchmarks;

/// <summary>
/// A plain Stopwatch harness. Each sample repeats the operation until at least
/// <c>minimumSampleTime</c> has passed (so a 10 KB parse is not lost in timer noise) and reports the
/// time of one operation; a full garbage collection runs before each sample so that one sample's
/// garbage is not billed to the next. The time the garbage collector paused the program during
/// the sample is kept too, to tell the parser's own work from memory management.
/// </summary>
public static class Sampler
{
    public static SampleSet Measure(Action operation, int warmups, int samples, TimeSpan minimumSampleTime)
    {
        for (var i = 0; i < warmups; i++)
        {
            operation();
        }

        var times = new double[samples];
        var pauses = new double[samples];
        var stopwatch = new Stopwatch();
        for (var s = 0; s < samples; s++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var iterations = 0;
            var pausedBefore = GC.GetTotalPauseDuration();
            stopwatch.Restart();
            do
            {
                operation();
                iterations++;
            }
            while (stopwatch.Elapsed < minimumSampleTime);

            stopwatch.Stop();
            times[s] = stopwatch.Elapsed.TotalMilliseconds / iterations;
            pauses[s] = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / iterations;
        }

        return new SampleSet(times, pauses);
    }

    /// <summary>
    /// Times the operation with the garbage collector held off (<see cref="GC.TryStartNoGCRegion(long)"/>),
    /// so only the operation's own work is measured: how that grows with input size is the algorithm's
    /// growth, free of the heap-size effects of collections. Each sample runs
    /// <paramref name="iterations"/> operations inside one region. Null when the runtime refuses a
    /// region that large.
    /// </summary>
    public static SampleSet? MeasureWithoutCollections(Action operation, int samples, int iterations)
    {
        operation();
        var before = GC.GetAllocatedBytesForCurrentThread();
        operation();
        var perOperation = GC.GetAllocatedBytesForCurrentThread() - before;
        var budget = (perOperation * iterations * 3 / 2) + (16 << 20);

        var times = new double[samples];
        var stopwatch = new Stopwatch();
        for (var s = 0; s < samples; s++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            bool started;
            try
            {
                started = GC.TryStartNoGCRegion(budget);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }

            if (!started)
            {
                return null;
            }

            try
            {
                stopwatch.Restart();
                for (var i = 0; i < iterations; i++)
                {
                    operation();
                }

                stopwatch.Stop();
            }
            finally
            {
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }

            times[s] = stopwatch.Elapsed.TotalMilliseconds / iterations;
        }

        return new SampleSet(times, new double[samples]);
    }
}
