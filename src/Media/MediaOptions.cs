namespace MoviePipeline.Media;

/// <summary>
/// Settings of the media libraries, bound from the <c>Media</c> configuration section.
/// Defaults suit one machine with the Debian packages from scripts/install-deps.sh.
/// </summary>
public sealed class MediaOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Media";

    /// <summary>
    /// Folder that holds every artifact; relative paths resolve against the current directory (the repository root
    /// with the README's run command). Silo and gateway must name the same folder.
    /// </summary>
    public string ArtifactRoot { get; set; } = ".data/artifacts";

    /// <summary>ffmpeg executable: a bare name is looked up on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>ffprobe executable: a bare name is looked up on PATH.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>espeak-ng executable: a bare name is looked up on PATH.</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>Longest time one external tool run may take before its process tree is killed.</summary>
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many CPU-heavy media jobs (renders, ffmpeg, espeak-ng) one process runs at once.</summary>
    public int MaxConcurrentWork { get; set; } = Environment.ProcessorCount;

    /// <summary>Folder with the DejaVu TrueType files used for every drawn text.</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";

    /// <summary>Storyboard frame width in pixels.</summary>
    public int FrameWidth { get; set; } = 1024;

    /// <summary>Storyboard frame height in pixels.</summary>
    public int FrameHeight { get; set; } = 576;

    /// <summary>zlib level of the PNG encoder, 1-9 (6 is about 3x faster than 9, see docs/media-facts.md §1).</summary>
    public int PngCompressionLevel { get; set; } = 6;

    /// <summary>Width of trailer, scene clips and the final movie.</summary>
    public int VideoWidth { get; set; } = 1280;

    /// <summary>Height of trailer, scene clips and the final movie.</summary>
    public int VideoHeight { get; set; } = 720;

    /// <summary>Frames per second of every video.</summary>
    public int FramesPerSecond { get; set; } = 25;

    /// <summary>x264 preset (ultrafast ... veryslow).</summary>
    public string VideoPreset { get; set; } = "veryfast";

    /// <summary>x264 constant rate factor, 0-51 (lower is better quality).</summary>
    public int VideoQuality { get; set; } = 20;

    /// <summary>AAC bitrate in kbit/s.</summary>
    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>Shortest scene clip.</summary>
    public double MinimumSceneSeconds { get; set; } = 3;

    /// <summary>Longest a scene's action may hold the frame beyond its speech; speech always gets all its time.</summary>
    public double MaximumSceneSeconds { get; set; } = 60;

    /// <summary>Silence before the first line of a scene.</summary>
    public double SpeechLeadInSeconds { get; set; } = 0.4;

    /// <summary>Silence between two lines of a scene.</summary>
    public double SpeechGapSeconds { get; set; } = 0.35;

    /// <summary>Silence after the last line of a scene.</summary>
    public double SpeechTailSeconds { get; set; } = 0.6;

    /// <summary>Longest line, in characters, handed to the speech synthesizer; the rest is cut at a word.</summary>
    public int MaxSpokenCharacters { get; set; } = 1000;

    /// <summary>
    /// A narrator reads the action of scenes nobody speaks in. Off by default: a screenplay's silent scenes then stay
    /// short stills. A script without any dialogue (a story in prose) is always narrated.
    /// </summary>
    public bool Narration { get; set; }

    /// <summary>Draw subtitles into the scene clips (the final movie always gets a side-car SRT too).</summary>
    public bool BurnInSubtitles { get; set; } = true;

    /// <summary>Length of the trailer's opening title card.</summary>
    public double TrailerTitleSeconds { get; set; } = 3;

    /// <summary>Length the trailer aims for; it always lands between 15 and 40 seconds.</summary>
    public double TrailerTargetSeconds { get; set; } = 24;
}
