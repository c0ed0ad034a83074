namespace MoviePipeline.Media.Artifacts;

/// <summary>
/// Where PNG, WAV, MP4 and SRT artifacts live, by key (see <see cref="ArtifactKeys"/>). Writes are atomic: a reader sees
/// the old file or the new one, never half of one. Every key is validated; a bad one throws
/// <see cref="InvalidArtifactKeyException"/>.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="bytes"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task WriteAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Moves a finished local file (e.g. ffmpeg's output) into the store under <paramref name="key"/>; the source is gone afterwards.</summary>
    Task ImportFileAsync(string key, string sourcePath, CancellationToken cancellationToken = default);

    /// <summary>Whether an artifact is stored under <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Length, time and content type of the artifact, or null when there is none.</summary>
    Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens the artifact for reading (seekable).</summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored under the key.</exception>
    Stream OpenRead(string key);

    /// <summary>The whole artifact, or null when there is none.</summary>
    Task<byte[]?> ReadAllBytesAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Marks the artifact as used now (its <see cref="ArtifactInfo.LastModified"/>); false when there is none.</summary>
    Task<bool> TouchAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every artifact whose key starts with <paramref name="prefix"/> (a folder, ending with '/').</summary>
    IAsyncEnumerable<ArtifactInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the artifact; true when there was one.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The local file behind <paramref name="key"/> (it may not exist yet), for ffmpeg inputs and for the gateway to stream
    /// with Range support. Always inside the store's root.
    /// </summary>
    string GetLocalPath(string key);
}
