namespace MoviePipeline.Phases;

/// <summary>
/// A phase could not do its work. <see cref="Retryable"/> is false when trying again cannot
/// help (the input itself is the problem); any other exception counts as transient.
/// </summary>
public sealed class PhaseFailedException(string message, bool retryable, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
