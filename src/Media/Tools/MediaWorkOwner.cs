namespace MoviePipeline.Media.Tools;

/// <summary>
/// Whose media work the current flow does (a project, a test video), for <see cref="MediaWorkLimiter"/> to take turns
/// between them. Set where the work starts; it flows down through every await to the tools, so nothing in between
/// carries it.
/// </summary>
public static class MediaWorkOwner
{
    private static readonly AsyncLocal<string?> Owner = new();

    /// <summary>The owner of the work in this flow; empty when none was named.</summary>
    public static string Current => Owner.Value ?? "";

    /// <summary>The owner name of a project's work.</summary>
    public static string Project(long projectId) => "project-" + projectId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Names the owner of the work done in this flow until the returned scope is disposed.</summary>
    public static IDisposable Begin(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var previous = Owner.Value;
        Owner.Value = owner;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Owner.Value = previous;
    }
}
