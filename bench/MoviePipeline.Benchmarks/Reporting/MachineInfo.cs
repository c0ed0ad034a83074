using System.Globalization;
using System.Runtime.InteropServices;

namespace MoviePipeline.Benchmarks.Reporting;

/// <summary>The lines every report starts with: what machine, which build, and how busy it was.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
#if DEBUG
        const string build = "Debug (figures are NOT representative: run with -c Release)";
#else
        const string build = "Release";
#endif
        return $"- Machine: {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical cores{CpuModel()}, {MemoryTotal()}\n"
            + $"- Runtime: {RuntimeInformation.FrameworkDescription}, {build}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC in the benchmark process\n"
            + $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n"
            + LoadAverageLine("at start");
    }

    /// <summary>Other work on the machine skews every figure; the load average says how much there was.</summary>
    public static string LoadAverageLine(string when)
    {
        var load = LoadAverage();
        return load is null ? "" : $"- Load average (1, 5, 15 min) {when}: {load} on {Environment.ProcessorCount} cores\n";
    }

    /// <summary>The 1, 5 and 15 minute load averages, or null where /proc/loadavg does not exist.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                : null;
            return line is null ? "" : $" ({line[(line.IndexOf(':') + 1)..].Trim()})";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string MemoryTotal()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB memory");
    }
}
