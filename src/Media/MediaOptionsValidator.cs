using Microsoft.Extensions.Options;

namespace MoviePipeline.Media;

/// <summary>Checks <see cref="MediaOptions"/> at start-up; every failure names the setting and says what is allowed.</summary>
public sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    private static readonly string[] Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var s = MediaOptions.SectionName;

        RequirePath(failures, $"{s}:ArtifactRoot", options.ArtifactRoot);
        RequirePath(failures, $"{s}:FfmpegPath", options.FfmpegPath);
        RequirePath(failures, $"{s}:FfprobePath", options.FfprobePath);
        RequirePath(failures, $"{s}:EspeakPath", options.EspeakPath);
        RequirePath(failures, $"{s}:FontDirectory", options.FontDirectory);

        if (options.ToolTimeout <= TimeSpan.Zero || options.ToolTimeout > TimeSpan.FromHours(6))
            failures.Add($"{s}:ToolTimeout must be more than 0 and at most 6 hours (e.g. \"00:10:00\"), but is {options.ToolTimeout}.");
        Range(failures, $"{s}:MaxConcurrentWork", options.MaxConcurrentWork, 1, 256);
        Range(failures, $"{s}:FrameWidth", options.FrameWidth, 64, 4096);
        Range(failures, $"{s}:FrameHeight", options.FrameHeight, 64, 4096);
        Range(failures, $"{s}:PngCompressionLevel", options.PngCompressionLevel, 1, 9);
        Range(failures, $"{s}:VideoWidth", options.VideoWidth, 64, 3840);
        Range(failures, $"{s}:VideoHeight", options.VideoHeight, 64, 2160);
        if (options.VideoWidth % 2 != 0 || options.VideoHeight % 2 != 0)
            failures.Add($"{s}:VideoWidth and {s}:VideoHeight must be even numbers (H.264 with yuv420p needs that), but are {options.VideoWidth}x{options.VideoHeight}.");
        Range(failures, $"{s}:FramesPerSecond", options.FramesPerSecond, 1, 60);
        if (!Presets.Contains(options.VideoPreset, StringComparer.Ordinal))
            failures.Add($"{s}:VideoPreset must be one of {string.Join(", ", Presets)}, but is \"{options.VideoPreset}\".");
        Range(failures, $"{s}:VideoQuality", options.VideoQuality, 0, 51);
        Range(failures, $"{s}:AudioBitrateKbps", options.AudioBitrateKbps, 32, 512);
        Range(failures, $"{s}:MinimumSceneSeconds", options.MinimumSceneSeconds, 0.2, 600);
        Range(failures, $"{s}:MaximumSceneSeconds", options.MaximumSceneSeconds, 0.2, 3600);
        if (options.MaximumSceneSeconds < options.MinimumSceneSeconds)
            failures.Add($"{s}:MaximumSceneSeconds ({options.MaximumSceneSeconds}) must not be less than {s}:MinimumSceneSeconds ({options.MinimumSceneSeconds}).");
        Range(failures, $"{s}:SpeechLeadInSeconds", options.SpeechLeadInSeconds, 0, 10);
        Range(failures, $"{s}:SpeechGapSeconds", options.SpeechGapSeconds, 0, 10);
        Range(failures, $"{s}:SpeechTailSeconds", options.SpeechTailSeconds, 0, 10);
        Range(failures, $"{s}:MaxSpokenCharacters", options.MaxSpokenCharacters, 10, 100_000);
        Range(failures, $"{s}:TrailerTitleSeconds", options.TrailerTitleSeconds, 1, 10);
        Range(failures, $"{s}:TrailerTargetSeconds", options.TrailerTargetSeconds, 15, 40);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePath(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            failures.Add($"{setting} must name a file or folder, but is empty.");
        else if (value.Any(char.IsControl))
            failures.Add($"{setting} must not contain control characters.");
    }

    private static void Range(List<string> failures, string setting, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            failures.Add($"{setting} must be between {min} and {max}, but is {value}.");
    }
}
