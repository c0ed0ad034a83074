using System.Text;

namespace MoviePipeline.PostgresStorage;

/// <summary>
/// Where one grain state lives in <c>orleansstorage</c>: the key columns, computed exactly as Orleans' ADO.NET provider
/// computes them (the same hash over the same bytes), so that a row either provider wrote is the row the other reads.
/// The grain type column holds the state's name (Orleans hands providers the state name there).
/// </summary>
internal sealed record StateRowKey(int GrainIdHash, long N0, long N1, int TypeHash, string TypeString, string? Extension)
{
    public static StateRowKey Of(string stateName, GrainId grainId)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        byte[]? keyBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var bytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(bytes, 0);
            n1 = BitConverter.ToInt64(bytes, 8);
            keyBytes = bytes;
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            keyBytes = BitConverter.GetBytes(integer);
        }
        else
        {
            extension = grainId.Key.ToString();
            keyBytes = null;
        }

        return new StateRowKey(Hash(HashBytes(keyBytes, extension)), n0, n1, Hash(Encoding.UTF8.GetBytes(stateName)), stateName, extension);
    }

    // The integer or GUID key's bytes, then the extension's UTF-8 bytes (a string key is its bytes alone), reversed on
    // a little-endian machine: the byte order Orleans' provider hashes.
    private static byte[] HashBytes(byte[]? key, string? extension)
    {
        var text = extension is null ? [] : Encoding.UTF8.GetBytes(extension);
        var bytes = key is null ? text : [.. key, .. text];
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return bytes;
    }

    private static int Hash(byte[] bytes) => unchecked((int)StableHash.ComputeHash(bytes));
}
