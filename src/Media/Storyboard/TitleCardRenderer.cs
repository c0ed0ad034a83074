using Microsoft.Extensions.Options;
using MoviePipeline.Media.Tools;
using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Draws the trailer's title and closing cards at the video size.</summary>
public sealed class TitleCardRenderer(StoryboardFonts fonts, MediaWorkLimiter limiter, IOptions<MediaOptions> options)
{
    internal const float BaseWidth = 1280;
    internal const float BaseHeight = 720;

    // Text stays clear of the edges a camera move crops when a card is filmed as a scene.
    private const float SafeMargin = 260;

    /// <summary>Renders a card as PNG inside a work slot.</summary>
    public async Task<byte[]> RenderAsync(string title, string? tagline, CancellationToken cancellationToken = default)
    {
        using var lease = await limiter.AcquireAsync(cancellationToken);
        return await Task.Run(() => Render(title, tagline), cancellationToken);
    }

    /// <summary>
    /// Paints a card on a canvas scaled to <see cref="BaseWidth"/> x <see cref="BaseHeight"/>: the title large in the
    /// middle, the tagline below. The trailer's cards and a script's title cards (drawn as storyboard frames) share it.
    /// </summary>
    internal static void Paint(SKCanvas canvas, StoryboardFonts fonts, string title, string? tagline)
    {
        using (var background = new SKPaint { IsAntialias = true })
        {
            background.Shader = SKShader.CreateRadialGradient(new SKPoint(BaseWidth / 2, BaseHeight * 0.45f), BaseWidth * 0.7f,
                [new SKColor(0x2A, 0x22, 0x3A), new SKColor(0x06, 0x05, 0x0A)], SKShaderTileMode.Clamp);
            canvas.DrawRect(new SKRect(0, 0, BaseWidth, BaseHeight), background);
        }

        var text = TextTools.Clean(title);
        if (text.Length == 0)
            text = "Untitled";
        using var titleFont = new SKFont(fonts.SerifBold, 78);
        var lines = TextLayout.Wrap(text.ToUpperInvariant(), titleFont, BaseWidth - SafeMargin, 2);
        if (lines.Count == 2)
            titleFont.Size = 64;
        lines = TextLayout.Wrap(text.ToUpperInvariant(), titleFont, BaseWidth - SafeMargin, 2);
        using var gold = Palette.Fill(new SKColor(0xF2, 0xD4, 0x8A));
        var lineHeight = titleFont.Size * 1.15f;
        var top = (BaseHeight / 2) - ((lines.Count - 1) * lineHeight / 2);
        for (var i = 0; i < lines.Count; i++)
            canvas.DrawText(lines[i], BaseWidth / 2, top + (i * lineHeight) + (titleFont.Size * 0.35f), SKTextAlign.Center, titleFont, gold);

        var ruleY = top + ((lines.Count - 1) * lineHeight) + (titleFont.Size * 0.35f) + 36;
        using (var rule = Palette.Stroke(new SKColor(0xF2, 0xD4, 0x8A, 0x90), 2))
            canvas.DrawLine((BaseWidth / 2) - 160, ruleY, (BaseWidth / 2) + 160, ruleY, rule);

        var line = TextTools.Clean(tagline);
        if (line.Length > 0)
        {
            using var taglineFont = new SKFont(fonts.Regular, 30);
            using var white = Palette.Fill(new SKColor(0xEE, 0xEE, 0xF2));
            canvas.DrawText(TextLayout.Fit(line, taglineFont, BaseWidth - SafeMargin), BaseWidth / 2, ruleY + 52, SKTextAlign.Center, taglineFont, white);
        }

    }

    /// <summary>Renders a card as PNG on the calling thread: the title large in the middle, the tagline below.</summary>
    public byte[] Render(string title, string? tagline)
    {
        var width = options.Value.VideoWidth;
        var height = options.Value.VideoHeight;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {width}x{height} drawing surface.");
        var canvas = surface.Canvas;
        canvas.Scale(width / BaseWidth, height / BaseHeight);

        Paint(canvas, fonts, title, tagline);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var pixmap = image.PeekPixels();
        using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, options.Value.PngCompressionLevel))
            ?? throw new InvalidOperationException("The title card could not be encoded as PNG.");
        return png.ToArray();
    }
}
