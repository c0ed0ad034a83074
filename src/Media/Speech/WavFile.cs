using System.Buffers.Binary;

namespace MoviePipeline.Media.Speech;

/// <summary>Reads and writes plain PCM WAV files (what espeak-ng's <c>-w</c> writes), so tracks can be built without ffmpeg.</summary>
public static class WavFile
{
    /// <summary>Duration from the header: data bytes / (rate × channels × bytes per sample).</summary>
    /// <exception cref="InvalidDataException">Not a PCM WAV file.</exception>
    public static double ReadDurationSeconds(string path)
    {
        using var stream = File.OpenRead(path);
        var format = ReadFormat(stream, out var dataLength);
        return (double)dataLength / (format.SampleRate * format.Channels * (format.BitsPerSample / 8));
    }

    /// <summary>Whether the file is 16-bit PCM that <see cref="Read"/> understands.</summary>
    public static bool IsPcm16(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var format = ReadFormat(stream, out _);
            return format.AudioFormat == 1 && format.BitsPerSample == 16;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Reads 16-bit PCM, mixing several channels down to mono.</summary>
    /// <exception cref="InvalidDataException">Not 16-bit PCM WAV.</exception>
    public static PcmAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        var format = ReadFormat(stream, out var dataLength);
        if (format.AudioFormat != 1 || format.BitsPerSample != 16)
            throw new InvalidDataException($"\"{path}\" is not 16-bit PCM (format {format.AudioFormat}, {format.BitsPerSample} bits).");
        var bytes = new byte[dataLength];
        stream.ReadExactly(bytes);
        var frames = (int)(dataLength / (2 * format.Channels));
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < format.Channels; c++)
                sum += BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(((i * format.Channels) + c) * 2));
            samples[i] = (short)(sum / format.Channels);
        }

        return new PcmAudio(format.SampleRate, samples);
    }

    /// <summary>Writes mono 16-bit PCM with a correct header.</summary>
    public static void Write(string path, PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var bytes = new byte[44 + (audio.Samples.Length * 2)];
        Header(audio.SampleRate, audio.Samples.Length).CopyTo(bytes, 0);
        for (var i = 0; i < audio.Samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (i * 2)), audio.Samples[i]);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The 44-byte header of a mono 16-bit PCM file with <paramref name="sampleCount"/> samples, for writing one in pieces.</summary>
    public static byte[] Header(int sampleRate, long sampleCount)
    {
        var dataLength = (uint)Math.Min(uint.MaxValue - 36L, sampleCount * 2);
        var header = new byte[44];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 36 + dataLength);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], dataLength);
        return header;
    }

    private readonly record struct WavFormat(int AudioFormat, int Channels, int SampleRate, int BitsPerSample);

    private static WavFormat ReadFormat(Stream stream, out long dataLength)
    {
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException("Not a RIFF/WAVE file.");

        WavFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[16];
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || stream.ReadAtLeast(fmt, 16, throwOnEndOfStream: false) < 16)
                    throw new InvalidDataException("The WAV format chunk is too short.");
                format = new WavFormat(
                    BinaryPrimitives.ReadInt16LittleEndian(fmt),
                    BinaryPrimitives.ReadInt16LittleEndian(fmt[2..]),
                    BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]),
                    BinaryPrimitives.ReadInt16LittleEndian(fmt[14..]));
                stream.Seek(size - 16 + (size % 2), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (format is not { Channels: > 0, SampleRate: > 0, BitsPerSample: >= 8 } f)
                    throw new InvalidDataException("The WAV file has no usable format chunk before its data.");
                // Streamed WAVs carry a placeholder size; trust the file length instead.
                dataLength = Math.Min(size, stream.Length - stream.Position);
                var frameBytes = f.Channels * (f.BitsPerSample / 8);
                dataLength -= dataLength % frameBytes;
                return f;
            }
            else
            {
                stream.Seek(size + (size % 2), SeekOrigin.Current);
            }
        }

        throw new InvalidDataException("The WAV file has no data chunk.");
    }
}
