namespace MoviePipeline.Media.Tools;

/// <summary>One stream of a media file as ffprobe reads it.</summary>
/// <param name="Index">Stream index in the file.</param>
/// <param name="CodecType">"video", "audio", "subtitle", ...</param>
/// <param name="CodecName">e.g. "h264", "aac", "pcm_s16le".</param>
/// <param name="DurationSeconds">Stream duration, when the container states it.</param>
/// <param name="FrameCount">Frames (video) or packets as stated by the container.</param>
public sealed record MediaStreamInfo(
    int Index,
    string CodecType,
    string CodecName,
    int? Width,
    int? Height,
    string? PixelFormat,
    double? DurationSeconds,
    long? FrameCount,
    int? SampleRate,
    int? Channels);
