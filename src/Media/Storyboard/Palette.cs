using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Colour arithmetic for the painters.</summary>
internal static class Palette
{
    /// <summary>Scales the colour's brightness (factor below 1 darkens).</summary>
    public static SKColor Shade(SKColor color, float factor) =>
        new(Channel(color.Red * factor), Channel(color.Green * factor), Channel(color.Blue * factor), color.Alpha);

    /// <summary>Mixes two colours, <paramref name="amount"/> 0 = a, 1 = b.</summary>
    public static SKColor Mix(SKColor a, SKColor b, float amount) =>
        new(Channel(a.Red + ((b.Red - a.Red) * amount)), Channel(a.Green + ((b.Green - a.Green) * amount)),
            Channel(a.Blue + ((b.Blue - a.Blue) * amount)), Channel(a.Alpha + ((b.Alpha - a.Alpha) * amount)));

    /// <summary>How bright surfaces are under each light.</summary>
    public static float Brightness(TimeOfDay light) => light switch
    {
        TimeOfDay.Night => 0.42f,
        TimeOfDay.Dusk => 0.75f,
        TimeOfDay.Dawn => 0.9f,
        _ => 1f,
    };

    /// <summary>Top and bottom colour of the sky.</summary>
    public static (SKColor Top, SKColor Bottom) Sky(TimeOfDay light) => light switch
    {
        TimeOfDay.Night => (new SKColor(0x07, 0x0D, 0x24), new SKColor(0x23, 0x30, 0x5C)),
        TimeOfDay.Dusk => (new SKColor(0x2E, 0x23, 0x56), new SKColor(0xF0, 0x8A, 0x4B)),
        TimeOfDay.Dawn => (new SKColor(0x8D, 0xB6, 0xE2), new SKColor(0xFB, 0xD3, 0xA5)),
        _ => (new SKColor(0x6F, 0xB7, 0xE8), new SKColor(0xD8, 0xEE, 0xFB)),
    };

    public static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor color, float width) =>
        new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };

    private static byte Channel(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
}
