namespace MoviePipeline.Media.Tools;

/// <summary>
/// A private folder for intermediate files (WAVs, SRTs, encodes before they enter the store), deleted on dispose.
/// It lives under <c>{ArtifactRoot}/.scratch</c>: the same file system as the store, so finished files move in by rename,
/// and its leading '.' keeps it out of reach of any artifact key.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    private ScratchFolder(string path) => Path = path;

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh folder, first removing ones a crashed process left behind more than a day ago.</summary>
    public static ScratchFolder Create(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parent = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.ArtifactRoot), ".scratch");
        Directory.CreateDirectory(parent);
        RemoveStale(parent);
        var path = System.IO.Path.Combine(parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new ScratchFolder(path);
    }

    /// <summary>A path for a file named <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the stale sweep of a later run.
        }
    }

    private static void RemoveStale(string parent)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            try
            {
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StaleAfter)
                    Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's; try next time.
            }
        }
    }
}
