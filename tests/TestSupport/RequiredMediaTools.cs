using System.ComponentModel;
using System.Diagnostics;

namespace MoviePipeline.TestSupport;

/// <summary>
/// The media tests need the real tools; when one is missing they fail with the fix, they never skip. Linked into the
/// test projects that do not reference this one.
/// </summary>
public static class RequiredMediaTools
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public static void EnsureInstalled()
    {
        if (Missing.Value is { } message) throw new InvalidOperationException(message);
    }

    private static string? FindMissing()
    {
        var missing = new List<string>();
        foreach (var (tool, flag) in new[] { ("ffmpeg", "-version"), ("ffprobe", "-version"), ("espeak-ng", "--version") })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(tool, flag) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) missing.Add(tool);
            }
            catch (Win32Exception)
            {
                missing.Add(tool);
            }
        }
        if (!File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")) missing.Add("fonts-dejavu-core");
        return missing.Count == 0
            ? null
            : $"Missing media tools: {string.Join(", ", missing)}. Run scripts/install-deps.sh (as root or with sudo), then run the tests again.";
    }
}
