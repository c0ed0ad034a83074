using System.Globalization;

namespace MoviePipeline.Benchmarks.Service;

/// <summary>CPU time and resident memory of other processes, read from Linux's /proc (zero elsewhere).</summary>
public static class ProcFs
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds the process has used so far; 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? 0 : (ParseLong(fields[11]) + ParseLong(fields[12])) / TicksPerSecond;
    }

    /// <summary>CPU seconds of a PostgreSQL server: the postmaster and every process it started, running or ended.</summary>
    public static double PostgresCpuSeconds(string dataDirectory)
    {
        var postmaster = PostmasterPid(dataDirectory);
        if (postmaster is null) return 0;
        // Backends come and go with connections: an ended one's CPU moves into the postmaster's
        // cutime and cstime (fields 16 and 17) when it is reaped, so the sum never goes backwards.
        var own = StatFields(postmaster.Value);
        if (own is null) return 0;
        double total = (ParseLong(own[11]) + ParseLong(own[12]) + ParseLong(own[13]) + ParseLong(own[14])) / TicksPerSecond;
        foreach (var dir in SafeDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster) continue;
            var fields = StatFields(pid);
            // Field 4 of /proc/PID/stat (index 1 after the command name) is the parent's pid.
            if (fields is not null && ParseLong(fields[1]) == postmaster)
                total += (ParseLong(fields[11]) + ParseLong(fields[12])) / TicksPerSecond;
        }

        return total;
    }

    /// <summary>Resident set size (VmRSS) in bytes; 0 when the process is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is null) return 0;
            var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return ParseLong(kilobytes) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static int? PostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The fields after the command name in /proc/PID/stat (index 0 is the state, field 3).</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var end = text.LastIndexOf(')');
            return end < 0 ? null : text[(end + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
