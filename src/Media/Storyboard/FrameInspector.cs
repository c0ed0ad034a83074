using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>
/// Phase 2's checker: a frame is fine unless it is missing, does not decode (or is truncated), has the wrong size, is
/// blank or one flat colour, or copies another scene's frame (byte-equal, or equal after shrinking to a thumbnail).
/// </summary>
public sealed class FrameInspector(MediaWorkLimiter limiter, IOptions<MediaOptions> options)
{
    /// <summary>Below this luminance standard deviation (0-255 scale) a frame counts as blank.</summary>
    public const double BlankDeviation = 4.0;

    /// <summary>Below this mean thumbnail difference (0-255 scale) two frames count as the same picture.</summary>
    public const double NearIdenticalDifference = 1.5;

    private const int ThumbWidth = 32;
    private const int ThumbHeight = 18;

    /// <summary>Checks one frame against other scenes' frames (scene number → PNG bytes, null when missing).</summary>
    public FrameInspection Inspect(byte[]? png, IReadOnlyDictionary<int, byte[]?>? otherScenes = null)
    {
        var (verdict, frame) = Decode(png);
        if (frame is null)
            return verdict;
        foreach (var (scene, otherPng) in (otherScenes ?? new Dictionary<int, byte[]?>()).OrderBy(p => p.Key))
        {
            if (Decode(otherPng).Frame is { } other && CompareTo(frame, other, scene) is { } duplicate)
                return duplicate;
        }

        return verdict;
    }

    /// <summary>
    /// Checks every scene's frame. Of two frames that are the same picture, the later scene's is flagged, so
    /// re-rendering the flagged ones fixes the set.
    /// </summary>
    public IReadOnlyDictionary<int, FrameInspection> InspectScenes(IReadOnlyDictionary<int, byte[]?> framesBySceneNumber)
    {
        ArgumentNullException.ThrowIfNull(framesBySceneNumber);
        var results = new SortedDictionary<int, FrameInspection>();
        var accepted = new List<(int Scene, DecodedFrame Frame)>();
        foreach (var (scene, png) in framesBySceneNumber.OrderBy(p => p.Key))
        {
            var (verdict, frame) = Decode(png);
            if (frame is not null)
            {
                foreach (var earlier in accepted)
                {
                    if (CompareTo(frame, earlier.Frame, earlier.Scene) is { } duplicate)
                    {
                        verdict = duplicate;
                        break;
                    }
                }

                accepted.Add((scene, frame));
            }

            results[scene] = verdict;
        }

        return results;
    }

    /// <summary>Reads the frames from the store (a missing key is a missing frame) and checks them as <see cref="InspectScenes"/> does.</summary>
    public async Task<IReadOnlyDictionary<int, FrameInspection>> InspectScenesAsync(
        IArtifactStore store, IReadOnlyDictionary<int, string> frameKeysBySceneNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(frameKeysBySceneNumber);
        var frames = new Dictionary<int, byte[]?>();
        foreach (var (scene, key) in frameKeysBySceneNumber)
            frames[scene] = await store.ReadAllBytesAsync(key, cancellationToken);
        using var lease = await limiter.AcquireAsync(cancellationToken);
        return await Task.Run(() => InspectScenes(frames), cancellationToken);
    }

    private (FrameInspection Verdict, DecodedFrame? Frame) Decode(byte[]? png)
    {
        if (png is null)
            return (new FrameInspection(FrameProblem.Missing, "The frame is missing."), null);
        if (png.Length == 0)
            return (new FrameInspection(FrameProblem.NotDecodable, "The frame file is empty."), null);

        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return (new FrameInspection(FrameProblem.NotDecodable, "The frame file is not a readable image."), null);

        var expectedWidth = options.Value.FrameWidth;
        var expectedHeight = options.Value.FrameHeight;
        var info = codec.Info;
        // Checked before decoding the pixels, so a forged huge header never allocates.
        if (info.Width != expectedWidth || info.Height != expectedHeight)
        {
            return (new FrameInspection(FrameProblem.WrongSize,
                $"The frame is {info.Width}x{info.Height} pixels instead of {expectedWidth}x{expectedHeight}."), null);
        }

        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            var why = result == SKCodecResult.IncompleteInput ? "it is cut off (truncated)" : $"decoding failed ({result})";
            return (new FrameInspection(FrameProblem.NotDecodable, $"The frame file is damaged: {why}."), null);
        }

        var frame = DecodedFrame.From(png, bitmap);
        if (frame.Deviation < BlankDeviation)
            return (new FrameInspection(FrameProblem.Blank, "The frame is blank: it is one flat colour with no picture."), null);
        return (FrameInspection.Ok, frame);
    }

    private static FrameInspection? CompareTo(DecodedFrame frame, DecodedFrame other, int otherScene)
    {
        if (frame.Sha256.AsSpan().SequenceEqual(other.Sha256))
            return new FrameInspection(FrameProblem.Duplicate, $"The frame is an exact copy of scene {otherScene}'s frame.", otherScene);
        var difference = 0.0;
        for (var i = 0; i < frame.Thumbnail.Length; i++)
            difference += Math.Abs(frame.Thumbnail[i] - other.Thumbnail[i]);
        difference /= frame.Thumbnail.Length;
        return difference < NearIdenticalDifference
            ? new FrameInspection(FrameProblem.Duplicate, $"The frame is nearly identical to scene {otherScene}'s frame.", otherScene)
            : null;
    }

    /// <summary>What the comparisons need of a decoded frame.</summary>
    private sealed record DecodedFrame(byte[] Sha256, float[] Thumbnail, double Deviation)
    {
        public static DecodedFrame From(byte[] png, SKBitmap bitmap)
        {
            var pixels = bitmap.GetPixelSpan();
            var width = bitmap.Width;
            var height = bitmap.Height;
            var sums = new double[ThumbWidth * ThumbHeight];
            var counts = new int[ThumbWidth * ThumbHeight];
            double total = 0, totalSquares = 0;
            var samples = 0;
            // Every second pixel in both directions is plenty for a 32x18 thumbnail and a flatness test.
            for (var y = 0; y < height; y += 2)
            {
                var row = y * width * 4;
                var cellRow = y * ThumbHeight / height * ThumbWidth;
                for (var x = 0; x < width; x += 2)
                {
                    var p = row + (x * 4);
                    var luma = (0.2126 * pixels[p]) + (0.7152 * pixels[p + 1]) + (0.0722 * pixels[p + 2]);
                    var cell = cellRow + (x * ThumbWidth / width);
                    sums[cell] += luma;
                    counts[cell]++;
                    total += luma;
                    totalSquares += luma * luma;
                    samples++;
                }
            }

            var thumbnail = new float[sums.Length];
            for (var i = 0; i < sums.Length; i++)
                thumbnail[i] = counts[i] == 0 ? 0 : (float)(sums[i] / counts[i]);
            var mean = total / samples;
            var deviation = Math.Sqrt(Math.Max(0, (totalSquares / samples) - (mean * mean)));
            return new DecodedFrame(SHA256.HashData(png), thumbnail, deviation);
        }
    }
}
