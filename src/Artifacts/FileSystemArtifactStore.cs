using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace MoviePipeline.Media.Artifacts;

/// <summary>
/// Artifacts as files under <see cref="ArtifactStoreOptions.ArtifactRoot"/>. Each write goes to a hidden temp file in the
/// target folder and is renamed over the target, so readers never see a partial file. A shared folder (e.g. NFS)
/// lets every silo and gateway reach the same artifacts.
/// </summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private readonly string _rootWithSeparator;

    public FileSystemArtifactStore(IOptions<ArtifactStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.ArtifactRoot));
        _rootWithSeparator = Root + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute root folder.</summary>
    public string Root { get; }

    public string GetLocalPath(string key)
    {
        ArtifactKeys.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_rootWithSeparator, key));
        // Validation already rules this out; checked again so a future rule change cannot open the door.
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
            throw new InvalidArtifactKeyException(key, "it resolves outside the artifact store.");
        return path;
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var target = GetLocalPath(key);
        await WriteAtomicallyAsync(target, (stream, ct) => content.CopyToAsync(stream, ct), cancellationToken);
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var target = GetLocalPath(key);
        await WriteAtomicallyAsync(target, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
    }

    public Task ImportFileAsync(string key, string sourcePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        var target = GetLocalPath(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(sourcePath))
            throw new FileNotFoundException($"The file to store as \"{key}\" does not exist.", sourcePath);

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = TempPathFor(target);
        try
        {
            // First into the target folder (a copy if it is another file system), then a rename, which is atomic.
            File.Move(sourcePath, temp);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(StoredFile(key) is not null);

    public Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = StoredFile(key);
        return Task.FromResult(file is not null
            ? new ArtifactInfo(key, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), ArtifactContentTypes.FromKey(key))
            : null);
    }

    public Stream OpenRead(string key)
    {
        var path = StoredFile(key)?.FullName ?? throw ArtifactNotFoundException.ForKey(key);
        try
        {
            // FileShare.Delete: a rewrite renames over the file while a reader streams the old one.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ArtifactNotFoundException.ForKey(key, ex);
        }
    }

    public async Task<byte[]?> ReadAllBytesAsync(string key, CancellationToken cancellationToken = default)
    {
        if (StoredFile(key)?.FullName is not { } path) return null;
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = GetLocalPath(key);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<bool> TouchAsync(string key, CancellationToken cancellationToken = default)
    {
        if (StoredFile(key) is not { } file) return Task.FromResult(false);
        try
        {
            file.LastWriteTimeUtc = DateTime.UtcNow;
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult(false);
        }
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<ArtifactInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!prefix.EndsWith('/'))
            throw new InvalidArtifactKeyException(prefix, "a prefix to list names a folder and ends with '/'.");
        var folder = GetLocalPath(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder)) yield break;
        await Task.Yield(); // the walk is file-system work: off the caller's turn
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            // The store's own temp files (a leading '.') and links are not artifacts.
            if (!ArtifactKeys.IsValid(key) || await GetInfoAsync(key, cancellationToken) is not { } info) continue;
            yield return info;
        }
    }

    private static async Task WriteAtomicallyAsync(string target, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = TempPathFor(target);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The file stored under <paramref name="key"/>, or null: only a regular file that this store could have written.
    /// A symbolic link anywhere below the root (placed there by hand or by another program) could point anywhere,
    /// /etc/passwd included, so a path through one is not an artifact. The root itself may be a link.
    /// </summary>
    private FileInfo? StoredFile(string key)
    {
        var path = GetLocalPath(key);
        var file = new FileInfo(path);
        if (!file.Exists || file.LinkTarget is not null) return null;
        for (var folder = file.Directory; folder is not null && folder.FullName.Length > Root.Length; folder = folder.Parent)
        {
            if (folder.LinkTarget is not null) return null;
        }
        return file;
    }

    // Hidden (leading '.'), so no valid key can name it.
    private static string TempPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
