using System.Text.Json;

namespace MoviePipeline.Media.Artifacts;

/// <summary>Finding a piece made before, and marking a new one whole.</summary>
public static class PieceStoreExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The manifest of <paramref name="piece"/> when it is whole (marked used now, for <see cref="PieceSweeper"/>), or
    /// null when it is missing, half-made, or written by code that stored something else.
    /// </summary>
    public static async Task<T?> FindAsync<T>(this IArtifactStore store, PieceFolder piece, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(piece);
        if (await store.ReadAllBytesAsync(piece.ManifestKey, cancellationToken) is not { } bytes) return null;
        T? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<T>(bytes, Json);
        }
        catch (JsonException)
        {
            return null; // made again, and overwritten
        }
        if (manifest is not null) await store.TouchAsync(piece.ManifestKey, cancellationToken);
        return manifest;
    }

    /// <summary>Whether a one-file piece is stored (and if so marks it used now).</summary>
    public static Task<bool> FindAsync(this IArtifactStore store, string pieceKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TouchAsync(pieceKey, cancellationToken);
    }

    /// <summary>Writes the manifest of <paramref name="piece"/>: call it after every other file of the piece is stored.</summary>
    public static Task CompleteAsync<T>(this IArtifactStore store, PieceFolder piece, T manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(piece);
        return store.WriteAsync(piece.ManifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
    }
}
