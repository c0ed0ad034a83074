namespace MoviePipeline.Media.Artifacts;

/// <summary>An artifact key that could reach outside the store, or is malformed; the message says which rule it broke.</summary>
public sealed class InvalidArtifactKeyException : ArgumentException
{
    public InvalidArtifactKeyException()
        : this("The artifact key is not valid.")
    {
    }

    public InvalidArtifactKeyException(string message)
        : base(message)
    {
        Key = "";
    }

    public InvalidArtifactKeyException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Key = "";
    }

    public InvalidArtifactKeyException(string key, string reason)
        : base($"The artifact key \"{Printable(key)}\" is not allowed: {reason}")
    {
        Key = key;
    }

    /// <summary>The refused key.</summary>
    public string Key { get; }

    private static string Printable(string key)
    {
        var shown = new string([.. key.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
        return key.Length > 200 ? shown + "..." : shown;
    }
}
