namespace MoviePipeline.Media.Artifacts;

/// <summary>No artifact is stored under the key.</summary>
public sealed class ArtifactNotFoundException : Exception
{
    public ArtifactNotFoundException()
        : this("The artifact does not exist.")
    {
    }

    public ArtifactNotFoundException(string message)
        : this(message, null)
    {
    }

    public ArtifactNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The key that was looked up.</summary>
    public string Key { get; init; } = "";

    /// <summary>Builds the exception for a missing <paramref name="key"/>.</summary>
    public static ArtifactNotFoundException ForKey(string key, Exception? innerException = null) =>
        new($"The artifact \"{key}\" does not exist.", innerException) { Key = key };
}
