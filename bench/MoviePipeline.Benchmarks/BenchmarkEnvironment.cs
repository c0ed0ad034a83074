using System.Runtime.InteropServices;

namespace MoviePipeline.Benchmarks;

/// <summary>The lines every report starts with: machine, runtime, build, date and the load at start.</summary>
public static class BenchmarkEnvironment
{
    public static string Describe()
    {
#if DEBUG
        const string build = "Debug (figures are NOT representative: run with -c Release)";
#else
        const string build = "Release";
#endif
        return $"- Machine: {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores\n"
            + $"- Runtime: {RuntimeInformation.FrameworkDescription}, {build}\n"
            + $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n"
            + LoadAverage();
    }

    /// <summary>Other work on the machine skews every figure; the load average says how much there was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? $"- Load average (1, 5, 15 min) at start: {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}\n"
                : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
