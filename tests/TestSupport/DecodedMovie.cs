namespace MoviePipeline.TestSupport;

/// <summary>
/// What a player decodes from a movie, as ffmpeg's MD5 of every decoded frame of one stream: two movies that list the
/// same hashes show the same pictures and play the same samples, whatever their container bytes.
/// </summary>
public static class DecodedMovie
{
    /// <param name="stream">An ffmpeg stream specifier: <c>0:v:0</c> for the video, <c>0:a:0</c> for the sound.</param>
    public static async Task<IReadOnlyList<string>> FrameHashesAsync(string path, string stream)
    {
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "ffmpeg", ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-map", stream, "-f", "framemd5", "-"], Deadlines.Seconds(120));
        if (exitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not decode stream {stream} of {path}: {output}");
        return [.. output.Split('\n').Where(line => line.Length > 0 && line[0] != '#')];
    }
}
