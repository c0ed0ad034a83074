namespace MoviePipeline.Media.Artifacts;

/// <summary>What the store knows about one artifact, enough to serve it with Range support.</summary>
/// <param name="Key">The artifact key.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastModified">When it was last written (UTC).</param>
/// <param name="ContentType">MIME type from the key's extension, e.g. "video/mp4".</param>
public sealed record ArtifactInfo(string Key, long Length, DateTimeOffset LastModified, string ContentType);
