using System.Buffers.Binary;
using System.Text;

namespace MoviePipeline.Media.Tests;

/// <summary>Reads the top-level box types of an MP4, to check faststart (moov before mdat).</summary>
internal static class Mp4Atoms
{
    public static List<string> TopLevel(string path)
    {
        var types = new List<string>();
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        while (file.Position + 8 <= file.Length)
        {
            var start = file.Position;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            types.Add(Encoding.ASCII.GetString(header[4..8]));
            if (size == 1)
            {
                file.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }
            else if (size == 0)
            {
                break;
            }

            file.Position = start + size;
        }

        return types;
    }
}
