namespace MoviePipeline.Projects;

/// <summary>
/// Storage (grain state or the reminder table, both in PostgreSQL) did not take a request's read or write, and
/// nothing the request asked for has taken effect. The gateway answers 503 with Retry-After: the request may simply
/// be tried again. Only the message crosses the grain boundary: a provider's own exception may not serialize.
/// </summary>
[GenerateSerializer, Alias("MoviePipeline.ProjectStorageUnavailableException")]
public sealed class ProjectStorageUnavailableException : Exception
{
    public ProjectStorageUnavailableException() { }

    public ProjectStorageUnavailableException(string message) : base(message) { }

    public ProjectStorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
