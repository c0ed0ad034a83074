using System.Globalization;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Video;

/// <summary>
/// Turns one still into an H.264 clip of an exact frame count with a slow camera move (zoompan on a 2x pre-scaled
/// copy, which keeps slow zooms smooth; see docs/media-facts.md §2), optional burned-in subtitles and an optional WAV track.
/// Every clip shares the same codec settings, so clips join with the concat demuxer without re-encoding.
/// </summary>
internal sealed class StillClipEncoder(ExternalToolRunner runner, MediaOptions options)
{
    // At most 1/(1+0.08): a move crops 3.7 % of each side (zooms) or 7.4 % of one (pans); frames keep text inside that.
    private const double ZoomAmount = 0.08;

    public async Task EncodeAsync(StillClip clip, CancellationToken cancellationToken)
    {
        var w = options.VideoWidth;
        var h = options.VideoHeight;
        var fps = options.FramesPerSecond;
        var frames = Math.Max(1, clip.FrameCount);
        var seconds = (double)frames / fps;
        var last = Math.Max(1, frames - 1);

        var filters = new List<string>
        {
            $"scale={2 * w}:{2 * h}:force_original_aspect_ratio=increase",
            $"crop={2 * w}:{2 * h}",
            $"zoompan={Motion(clip.Move, last)}:d={frames}:s={w}x{h}:fps={fps}",
            "setsar=1",
        };
        if (clip.FadeSeconds > 0 && seconds > 3 * clip.FadeSeconds)
        {
            filters.Add(Invariant($"fade=t=in:st=0:d={clip.FadeSeconds}"));
            filters.Add(Invariant($"fade=t=out:st={seconds - clip.FadeSeconds:0.###}:d={clip.FadeSeconds}"));
        }

        if (clip.SubtitlesFileName is { } subtitles)
        {
            // A bare file name in the working folder: nothing in the filter graph needs escaping.
            filters.Add($"subtitles=filename={subtitles}:force_style='FontName=DejaVu Sans,FontSize=18,Bold=1,Outline=1.6,Shadow=0.8,MarginV=52'");
        }

        filters.Add("format=yuv420p");
        var graph = $"[0:v]{string.Join(',', filters)}[v]";
        if (clip.AudioPath is not null)
            graph += ";[1:a]aresample=48000[a]";

        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", clip.ImagePath };
        if (clip.AudioPath is not null)
            args.AddRange(["-i", clip.AudioPath]);
        args.AddRange(["-filter_complex", graph, "-map", "[v]"]);
        if (clip.AudioPath is not null)
            args.AddRange(["-map", "[a]"]);
        args.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(VideoCodecArguments(options));
        if (clip.AudioPath is not null)
            args.AddRange(AudioCodecArguments(options));
        else
            args.Add("-an");
        args.AddRange(["-t", Invariant($"{seconds:0.######}"), "-movflags", "+faststart", clip.OutputPath]);

        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", options.FfmpegPath, args)
            {
                WorkingDirectory = clip.WorkingDirectory,
                ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath",
            },
            cancellationToken);
    }

    /// <summary>The H.264 settings every clip shares (the concat demuxer needs identical parameters).</summary>
    public static IReadOnlyList<string> VideoCodecArguments(MediaOptions options) =>
    [
        "-c:v", "libx264",
        "-preset", options.VideoPreset,
        "-crf", options.VideoQuality.ToString(CultureInfo.InvariantCulture),
        "-profile:v", "high",
        "-level:v", options.VideoWidth * options.VideoHeight > 1920 * 1088 ? "5.1" : "4.0",
        "-pix_fmt", "yuv420p",
        "-r", options.FramesPerSecond.ToString(CultureInfo.InvariantCulture),
        "-g", (options.FramesPerSecond * 2).ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>AAC, 48 kHz stereo: what every browser plays.</summary>
    public static IReadOnlyList<string> AudioCodecArguments(MediaOptions options) =>
    [
        "-c:a", "aac",
        "-b:a", $"{options.AudioBitrateKbps}k",
        "-ar", "48000",
        "-ac", "2",
    ];

    private static string Motion(CameraMove move, int last)
    {
        var center = "x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'";
        return move switch
        {
            CameraMove.ZoomOut => Invariant($"z='{1 + ZoomAmount}-{ZoomAmount}*on/{last}':{center}"),
            CameraMove.PanRight => Invariant($"z='{1 + ZoomAmount}':x='(iw-iw/zoom)*on/{last}':y='ih/2-(ih/zoom/2)'"),
            CameraMove.PanLeft => Invariant($"z='{1 + ZoomAmount}':x='(iw-iw/zoom)*(1-on/{last})':y='ih/2-(ih/zoom/2)'"),
            _ => Invariant($"z='1+{ZoomAmount}*on/{last}':{center}"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
