namespace MoviePipeline.Projects;

/// <summary>
/// Storage did not answer a read that could not be served from memory (a project's script).
/// The gateway answers 503: the request may simply be tried again.
/// </summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectStorageUnavailableException")]
public sealed class ProjectStorageUnavailableException : Exception
{
    public ProjectStorageUnavailableException() { }

    public ProjectStorageUnavailableException(string message) : base(message) { }

    public ProjectStorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
