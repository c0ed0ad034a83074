namespace MoviePipeline.Media.Tools;

/// <summary>What ffprobe says about a media file.</summary>
/// <param name="DurationSeconds">The container's duration.</param>
/// <param name="FormatName">e.g. "mov,mp4,m4a,3gp,3g2,mj2".</param>
public sealed record MediaProbeResult(double DurationSeconds, string FormatName, IReadOnlyList<MediaStreamInfo> Streams)
{
    /// <summary>The video streams, in file order.</summary>
    public IReadOnlyList<MediaStreamInfo> VideoStreams => [.. Streams.Where(s => s.CodecType == "video")];

    /// <summary>The audio streams, in file order.</summary>
    public IReadOnlyList<MediaStreamInfo> AudioStreams => [.. Streams.Where(s => s.CodecType == "audio")];
}
