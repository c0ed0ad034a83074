using System.Globalization;

namespace MoviePipeline.TestSupport;

/// <summary>How much of a movie's sound is silence, as ffmpeg's <c>silencedetect</c> hears it.</summary>
/// <remarks>Compiled into the test projects that do not reference TestSupport as a link, so there is one copy.</remarks>
public static class MovieSilence
{
    /// <summary>Quieter than this is silence: espeak's quietest speech is far louder.</summary>
    public const string Threshold = "-50dB";

    /// <summary>Stretches shorter than this are pauses between words and lines, not dead air.</summary>
    public const double ShortestStretchSeconds = 1.0;

    /// <summary>The silent stretches of at least <see cref="ShortestStretchSeconds"/>, in seconds each.</summary>
    public static async Task<IReadOnlyList<double>> StretchesAsync(string path)
    {
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "ffmpeg",
            ["-hide_banner", "-nostdin", "-v", "info", "-i", path, "-map", "0:a:0",
             "-af", string.Create(CultureInfo.InvariantCulture, $"silencedetect=noise={Threshold}:d={ShortestStretchSeconds}"), "-f", "null", "-"],
            Deadlines.Seconds(120));
        if (exitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not measure the silence of {path}: {output}");
        const string marker = "silence_duration: ";
        return [.. output.Split('\n')
            .Select(line => line.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? line[(at + marker.Length)..].Trim() : null)
            .OfType<string>()
            .Select(value => double.Parse(value, CultureInfo.InvariantCulture))];
    }

    /// <summary>The share of <paramref name="durationSeconds"/> that is silent stretches.</summary>
    public static async Task<double> ShareAsync(string path, double durationSeconds) =>
        (await StretchesAsync(path)).Sum() / durationSeconds;
}
