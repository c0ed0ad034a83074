namespace MoviePipeline.Media.Artifacts;

/// <summary>
/// Keeps a project's disk bounded: deletes what its current outputs no longer refer to once it has gone unused for the
/// retention period. A piece (see <see cref="PieceFolders.PieceOf"/>) goes as a whole, its manifest first, so a piece
/// is never left looking whole with a file missing; used means written or reused (reuse touches it).
/// </summary>
public static class PieceSweeper
{
    /// <summary>Deletes the files of project <paramref name="projectId"/> not kept by <paramref name="referenced"/> and unused since <paramref name="unusedSince"/>.</summary>
    /// <param name="referenced">Keys the project's outputs name; a key inside a piece keeps the whole piece.</param>
    /// <returns>How many files were deleted and their bytes.</returns>
    public static async Task<(int Files, long Bytes)> SweepAsync(
        IArtifactStore store, long projectId, IEnumerable<string> referenced, DateTimeOffset unusedSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var kept = referenced.Select(UnitOf).ToHashSet(StringComparer.Ordinal);
        var units = new Dictionary<string, List<ArtifactInfo>>(StringComparer.Ordinal);
        await foreach (var file in store.ListAsync(ArtifactKeys.ProjectPrefix(projectId), cancellationToken))
        {
            var unit = UnitOf(file.Key);
            if (kept.Contains(unit)) continue;
            if (!units.TryGetValue(unit, out var files)) units[unit] = files = [];
            files.Add(file);
        }

        var deleted = 0;
        long bytes = 0;
        foreach (var files in units.Values.Where(files => files.Max(f => f.LastModified) < unusedSince))
        {
            foreach (var file in files.OrderBy(f => f.Key.EndsWith(PieceFolder.ManifestName, StringComparison.Ordinal) ? 0 : 1))
            {
                if (await store.DeleteAsync(file.Key, cancellationToken))
                {
                    deleted++;
                    bytes += file.Length;
                }
            }
        }
        return (deleted, bytes);
    }

    private static string UnitOf(string key) => PieceFolders.PieceOf(key) ?? key;
}
