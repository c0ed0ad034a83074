namespace MoviePipeline.Media.Artifacts;

/// <summary>MIME types of the artifacts the pipeline writes, by file extension.</summary>
public static class ArtifactContentTypes
{
    public const string Png = "image/png";
    public const string Mp4 = "video/mp4";
    public const string Wav = "audio/wav";
    public const string Flac = "audio/flac";
    public const string Srt = "application/x-subrip";
    public const string Json = "application/json";
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";

    /// <summary>The content type for <paramref name="key"/>'s extension; unknown ones are <see cref="Binary"/>.</summary>
    public static string FromKey(string key) =>
        Path.GetExtension(key).ToLowerInvariant() switch
        {
            ".png" => Png,
            ".mp4" => Mp4,
            ".wav" => Wav,
            ".flac" => Flac,
            ".srt" => Srt,
            ".json" => Json,
            ".txt" => Text,
            _ => Binary,
        };
}
