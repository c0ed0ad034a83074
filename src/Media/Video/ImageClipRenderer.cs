using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using SkiaSharp;

namespace MoviePipeline.Media.Video;

/// <summary>
/// A clip from one uploaded image, made as phase 3 makes a scene's clip from its frame (<see cref="StillClipEncoder"/>:
/// a slow camera move, the shared H.264 settings, the per-silo bound on media work), without sound.
/// </summary>
public sealed class ImageClipRenderer(ExternalToolRunner runner, IArtifactStore store, MediaProbe probe, IOptions<MediaOptions> options)
{
    /// <summary>The largest upload taken.</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>The longest side taken, checked before the pixels are decoded (a small file may claim a huge picture).</summary>
    public const int MaxImageSide = 8192;

    /// <summary>The image as PNG, or a sentence saying why it cannot be used.</summary>
    public static (byte[]? Png, string? Problem) ToPng(byte[] image)
    {
        if (image.Length == 0) return (null, "The image is empty.");
        if (image.Length > MaxImageBytes)
            return (null, $"The image is {image.Length / 1024.0 / 1024.0:0.##} MiB; it may be at most {MaxImageBytes / 1024 / 1024} MiB.");
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
            return (null, "The image is not a PNG or JPEG picture that can be read.");
        var info = codec.Info;
        if (info.Width > MaxImageSide || info.Height > MaxImageSide)
            return (null, $"The image is {info.Width}x{info.Height} pixels; each side may be at most {MaxImageSide}.");
        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
            return (null, "The image is damaged: it could not be decoded whole.");
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return (png.ToArray(), null);
    }

    /// <summary>Makes the clip of <paramref name="seconds"/> from the PNG at <paramref name="imageKey"/> and stores it at <paramref name="clipKey"/>.</summary>
    /// <returns>The clip's length as ffprobe reads it.</returns>
    public async Task<double> RenderAsync(string imageKey, double seconds, string clipKey, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var imagePath = store.GetLocalPath(imageKey);
        if (!File.Exists(imagePath))
            throw new ArtifactNotFoundException($"the image \"{imageKey}\" is missing.") { Key = imageKey };
        using var scratch = ScratchFolder.Create(o);
        var clipPath = scratch.File("clip.mp4");
        var frames = (int)Math.Round(seconds * o.FramesPerSecond);
        await new StillClipEncoder(runner, o).EncodeAsync(new StillClip(imagePath, frames, CameraMove.ZoomIn, clipPath, scratch.Path), cancellationToken);
        var probed = await probe.ProbeAsync(clipPath, cancellationToken);
        await store.ImportFileAsync(clipKey, clipPath, cancellationToken);
        return probed.DurationSeconds;
    }
}
