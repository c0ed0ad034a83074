namespace MoviePipeline.Media.Video;

/// <summary>A clip, the trailer or the movie could not be made; the message says which and why.</summary>
public sealed class MediaAssemblyException : Exception
{
    public MediaAssemblyException()
        : this("The media could not be assembled.")
    {
    }

    public MediaAssemblyException(string message)
        : this(message, null)
    {
    }

    public MediaAssemblyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The scene whose clip failed, when one did.</summary>
    public int? SceneNumber { get; init; }
}
