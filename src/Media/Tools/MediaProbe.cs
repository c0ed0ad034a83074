using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MoviePipeline.Media.Tools;

/// <summary>Reads durations and streams of media files with ffprobe, and checks that ffmpeg decodes a file to its end.</summary>
public sealed class MediaProbe(ExternalToolRunner runner, IOptions<MediaOptions> options)
{
    /// <summary>Probes <paramref name="path"/>.</summary>
    /// <exception cref="ExternalToolException">ffprobe could not read the file.</exception>
    public async Task<MediaProbeResult> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var result = await runner.RunAsync(
            new ExternalToolCommand("ffprobe", options.Value.FfprobePath,
            [
                "-v", "error",
                "-show_entries",
                "format=duration,format_name:stream=index,codec_type,codec_name,width,height,pix_fmt,duration,nb_frames,sample_rate,channels",
                "-of", "json",
                "--", path,
            ])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfprobePath" },
            cancellationToken);
        return Parse(result.StandardOutput);
    }

    /// <summary>
    /// Decodes every frame of <paramref name="path"/> (<c>ffmpeg -v error -i f -f null -</c>) and reports whether it
    /// got through with no error, the check that a file plays to its end.
    /// </summary>
    public async Task<DecodeCheck> CheckDecodesAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var result = await runner.RunAsync(
                new ExternalToolCommand("ffmpeg", options.Value.FfmpegPath,
                    ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-f", "null", "-"])
                { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath" },
                cancellationToken);
            var errors = result.StandardErrorTail.Trim();
            return new DecodeCheck(errors.Length == 0, errors);
        }
        catch (ExternalToolException ex) when (ex.ExitCode is not null)
        {
            return new DecodeCheck(false, ex.StandardErrorTail.Trim() is { Length: > 0 } tail ? tail : ex.Message);
        }
    }

    private static MediaProbeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var streams = new List<MediaStreamInfo>();
        if (root.TryGetProperty("streams", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in list.EnumerateArray())
            {
                streams.Add(new MediaStreamInfo(
                    (int)(Number(s, "index") ?? streams.Count),
                    Text(s, "codec_type") ?? "unknown",
                    Text(s, "codec_name") ?? "unknown",
                    (int?)Number(s, "width"),
                    (int?)Number(s, "height"),
                    Text(s, "pix_fmt"),
                    Number(s, "duration"),
                    (long?)Number(s, "nb_frames"),
                    (int?)Number(s, "sample_rate"),
                    (int?)Number(s, "channels")));
            }
        }

        return new MediaProbeResult(
            format.ValueKind == JsonValueKind.Object ? Number(format, "duration") ?? 0 : 0,
            format.ValueKind == JsonValueKind.Object ? Text(format, "format_name") ?? "" : "",
            streams);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    // ffprobe's JSON writes most numbers as strings ("15.000000"), and some as numbers.
    private static double? Number(JsonElement element, string name) =>
        Text(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
