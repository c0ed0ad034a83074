namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// Configuration for real media work in tests: storyboard frames at the real 1024x576, but small, short, fast video
/// (320x180 at 10 fps, ultrafast x264, scenes of 1-2 s, a 15 s trailer) so a 40-scene movie takes seconds on 2 cores.
/// </summary>
public static class LocalMediaSettings
{
    public const int VideoWidth = 320;
    public const int VideoHeight = 180;

    public static Dictionary<string, string?> For(string artifactRoot) => new()
    {
        ["Workflow:MaxAttempts"] = "3",
        ["Workflow:RetryInitialDelay"] = "00:00:00.050",
        ["Workflow:RetryMaxDelay"] = "00:00:00.200",
        ["Workflow:RecoveryReminderPeriod"] = "00:00:02",
        ["Pipeline:Media"] = "Local",
        ["Media:ArtifactRoot"] = artifactRoot,
        ["Media:MaxConcurrentWork"] = "2",
        ["Media:PngCompressionLevel"] = "1",
        ["Media:VideoWidth"] = VideoWidth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Media:VideoHeight"] = VideoHeight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Media:FramesPerSecond"] = "10",
        ["Media:VideoPreset"] = "ultrafast",
        ["Media:VideoQuality"] = "30",
        ["Media:AudioBitrateKbps"] = "64",
        ["Media:MinimumSceneSeconds"] = "1",
        ["Media:MaximumSceneSeconds"] = "2",
        ["Media:SpeechLeadInSeconds"] = "0.2",
        ["Media:SpeechGapSeconds"] = "0.2",
        ["Media:SpeechTailSeconds"] = "0.3",
        ["Media:TrailerTitleSeconds"] = "1",
        ["Media:TrailerTargetSeconds"] = "15",
    };
}
