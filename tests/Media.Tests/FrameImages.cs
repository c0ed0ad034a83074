using SkiaSharp;

namespace MoviePipeline.Media.Tests;

/// <summary>Pixel helpers for frame tests.</summary>
internal static class FrameImages
{
    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("The PNG did not decode.");

    /// <summary>Share of pixels in <paramref name="area"/> whose colour differs by more than 24 in some channel.</summary>
    public static double DifferingShare(SKBitmap a, SKBitmap b, SKRectI area)
    {
        var differing = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                if (Math.Abs(p.Red - q.Red) > 24 || Math.Abs(p.Green - q.Green) > 24 || Math.Abs(p.Blue - q.Blue) > 24)
                    differing++;
            }
        }

        return (double)differing / (area.Width * area.Height);
    }

    public static double MeanLuminance(SKBitmap bitmap, SKRectI area)
    {
        double sum = 0;
        for (var y = area.Top; y < area.Bottom; y += 2)
        {
            for (var x = area.Left; x < area.Right; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                sum += (0.2126 * p.Red) + (0.7152 * p.Green) + (0.0722 * p.Blue);
            }
        }

        return sum / ((area.Width / 2) * (area.Height / 2));
    }

    public static byte[] Encode(SKBitmap bitmap, int zlibLevel = 6)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zlibLevel))
            ?? throw new InvalidOperationException("The bitmap did not encode.");
        return data.ToArray();
    }

    public static byte[] Uniform(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        return Encode(bitmap);
    }
}
