using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MoviePipeline.Media;

/// <summary>
/// A hash that is the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>), so a
/// character keeps its look and voice across scenes, runs and silos.
/// </summary>
public static class StableHash
{
    /// <summary>64 bits of SHA-256 over <paramref name="salt"/> and the trimmed, upper-cased <paramref name="text"/>.</summary>
    public static ulong Of(string text, string salt = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(salt + "\u001f" + Normalize(text));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    /// <summary>How names are compared: "Sarah " and "SARAH" are the same character.</summary>
    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
