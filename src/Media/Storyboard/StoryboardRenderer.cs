using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using MoviePipeline.Screenplay;
using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>
/// The local storyboard artist: draws a scene's place (inside or outside, day/dusk/dawn/night), the characters on
/// screen (each the same way in every scene, see <see cref="CharacterAppearance"/>; a child at a child's size; nobody
/// only heard, no thing) and a caption with the heading and key action, all text inside the area a camera move keeps;
/// a title card scene is drawn as a card. Identical requests give byte-identical PNGs. Attempt 2 and later add detail
/// (shading, textures, faces, vignette).
/// </summary>
public sealed class StoryboardRenderer(StoryboardFonts fonts, MediaWorkLimiter limiter, IOptions<MediaOptions> options) : IStoryboardRenderer
{
    /// <summary>Most characters drawn; the rest are named in a "+N more" tag.</summary>
    public const int MaxDrawnCharacters = 6;

    private const float BaseWidth = BackdropPainter.Width;
    private const float BaseHeight = BackdropPainter.Height;
    private const float CaptionTop = 468;

    // The camera's slow move crops up to 7.4 % of a side (docs/media-facts.md §2): text stays inside this margin.
    private const float SafeX = 80;
    private const float SafeY = 26;

    // A child stands this much of an adult's height; a teenager this much.
    private const float ChildScale = 0.62f;
    private const float TeenScale = 0.9f;

    /// <summary>Raise when this class draws the same request differently.</summary>
    public const int Version = 2;

    public PieceInputs Inputs(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scene = request.Scene;
        var inputs = new PieceInputs("frames", Version)
            .Add("size", $"{options.Value.FrameWidth}x{options.Value.FrameHeight}")
            .Add("png-level", options.Value.PngCompressionLevel)
            .Add("detailed", request.Attempt > 1)
            .Add("variant", request.Variant)
            .Add("title", scene.Title)
            .Add("setting", scene.Setting)
            .Add("description", scene.Description)
            // The caption (the description's first sentence, or the first line without one); a detailed prompt quotes the first line.
            .Add("action", FramePrompt.KeyAction(scene))
            .Add("mood", request.Attempt > 1 && scene.Dialogue.Count > 0 ? scene.Dialogue[0].Text : "")
            .Add("seen", $"{scene.InteriorExterior}|{scene.TimeOfDay}")
            .Add("title-card", scene.TitleCard);
        if (request.Setting is { } place)
        {
            inputs.Add("place", $"{place.Name}|{place.Location}|{place.InteriorExterior}|{place.TimeOfDay}")
                .Add("place-looks", place.VisualDescription).Add("place-description", place.Description);
        }
        foreach (var name in scene.Characters)
        {
            // A character's look depends on the whole cast only through its own appearance.
            var character = request.Characters.FirstOrDefault(c => StableHash.Normalize(c.Name) == StableHash.Normalize(name));
            inputs.Add("character", name)
                .Add("appearance", CharacterAppearance.For(TextTools.Clean(name), request.Cast).ToString())
                .Add("looks", character?.VisualDescription).Add("about", character?.Description)
                .Add("traits", character?.Traits?.ToString());
        }
        foreach (var name in scene.OnScreen)
            inputs.Add("on-screen", name);
        return inputs;
    }

    public async Task<RenderedFrame> RenderAsync(FrameRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = await limiter.AcquireAsync(cancellationToken);
        // Off the caller's thread: a grain's turn must not spend 30 ms of CPU on its own scheduler.
        return await Task.Run(() => Render(request), cancellationToken);
    }

    /// <summary>Draws the frame on the calling thread (no work slot); <see cref="RenderAsync"/> is the bounded way.</summary>
    public RenderedFrame Render(FrameRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var width = options.Value.FrameWidth;
        var height = options.Value.FrameHeight;
        var scene = request.Scene;
        var detailed = request.Attempt > 1;
        var look = SettingLook.From(scene, request.Setting);
        var random = new SeededRandom(StableHash.Of($"{scene.Title}|{scene.Setting}|{scene.Description}{(request.Variant > 0 ? $"|{request.Variant}" : "")}", "frame"));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {width}x{height} drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        if (scene.TitleCard is { } card)
        {
            canvas.Scale(width / TitleCardRenderer.BaseWidth, height / TitleCardRenderer.BaseHeight);
            var cardLines = card.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            TitleCardRenderer.Paint(canvas, fonts, cardLines.FirstOrDefault() ?? "", string.Join(" · ", cardLines.Skip(1)));
            return Encode(surface, request, width, height);
        }

        canvas.Scale(width / BaseWidth, height / BaseHeight);

        var groundY = BackdropPainter.Paint(canvas, look, random, detailed);
        PaintCharacters(canvas, request, look, Math.Min(groundY, 452), random, detailed);
        if (detailed)
            PaintVignette(canvas);
        PaintTags(canvas, look);
        PaintCaption(canvas, scene);
        return Encode(surface, request, width, height);
    }

    private RenderedFrame Encode(SKSurface surface, FrameRequest request, int width, int height)
    {
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var pixmap = image.PeekPixels();
        using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, options.Value.PngCompressionLevel))
            ?? throw new InvalidOperationException("The storyboard frame could not be encoded as PNG.");
        return new RenderedFrame(png.ToArray(), FramePrompt.Build(request), width, height);
    }

    private void PaintCharacters(SKCanvas canvas, FrameRequest request, SettingLook look, float feetY, SeededRandom random, bool detailed)
    {
        // Only who is on screen: a voice on the phone or a printer is not drawn as a person.
        var names = request.Scene.OnScreen
            .Select(TextTools.Clean)
            .Where(n => n.Length > 0 && TraitsOf(request, n)?.Kind != CharacterKind.Thing)
            .DistinctBy(StableHash.Normalize)
            .ToList();
        if (names.Count == 0)
            return;

        var drawn = names.Take(MaxDrawnCharacters).ToList();
        var spacing = BaseWidth / (drawn.Count + 1);
        var shift = random.Range(-20, 20);
        var brightness = look.IsInterior && look.Light == TimeOfDay.Night ? 0.75f : Palette.Brightness(look.Light);
        var figureHeight = drawn.Count > 4 ? 205f : 230f;
        for (var i = 0; i < drawn.Count; i++)
        {
            var appearance = CharacterAppearance.For(drawn[i], request.Cast);
            var traits = TraitsOf(request, drawn[i]);
            var height = figureHeight * (traits?.IsChild == true ? ChildScale : traits?.IsTeen == true ? TeenScale : 1f);
            CharacterPainter.Paint(canvas, appearance, drawn[i], (spacing * (i + 1)) + shift, feetY, height, fonts, detailed, brightness);
        }

        if (names.Count > drawn.Count)
        {
            using var font = new SKFont(fonts.Bold, 15);
            var text = $"+{names.Count - drawn.Count} more";
            var w = font.MeasureText(text);
            using var pill = Palette.Fill(new SKColor(0, 0, 0, 0xA0));
            canvas.DrawRoundRect(new SKRect(BaseWidth - SafeX - w - 24, CaptionTop - 34, BaseWidth - SafeX, CaptionTop - 8), 12, 12, pill);
            using var ink = Palette.Fill(SKColors.White);
            canvas.DrawText(text, BaseWidth - SafeX - 12, CaptionTop - 15, SKTextAlign.Right, font, ink);
        }
    }

    private static CharacterTraits? TraitsOf(FrameRequest request, string name) =>
        request.Characters.FirstOrDefault(c => StableHash.Normalize(c.Name) == StableHash.Normalize(name))?.Traits;

    private static void PaintVignette(SKCanvas canvas)
    {
        using var vignette = new SKPaint { IsAntialias = true };
        vignette.Shader = SKShader.CreateRadialGradient(new SKPoint(BaseWidth / 2, BaseHeight / 2), BaseWidth * 0.62f,
            [new SKColor(0, 0, 0, 0), new SKColor(0, 0, 0, 0x70)], [0.6f, 1f], SKShaderTileMode.Clamp);
        canvas.DrawRect(new SKRect(0, 0, BaseWidth, BaseHeight), vignette);
    }

    // No scene number: a frame is made of what the scene shows, so one inserted scene does not redraw the rest.
    private void PaintTags(SKCanvas canvas, SettingLook look)
    {
        using var font = new SKFont(fonts.Bold, 16);
        using var pill = Palette.Fill(new SKColor(0, 0, 0, 0xA8));
        using var ink = Palette.Fill(SKColors.White);

        var place = TextLayout.Fit(
            $"{(look.IsInterior ? "INT." : "EXT.")} · {look.Location.ToUpperInvariant()} · {look.Light.ToString().ToUpperInvariant()}", font, 640);
        var w = font.MeasureText(place);
        canvas.DrawRoundRect(new SKRect(SafeX, SafeY, SafeX + w + 24, SafeY + 30), 14, 14, pill);
        canvas.DrawText(place, SafeX + 12, SafeY + 21, SKTextAlign.Left, font, ink);
    }

    private void PaintCaption(SKCanvas canvas, Screenplay.AnalyzedScene scene)
    {
        using var band = Palette.Fill(new SKColor(0x0C, 0x0C, 0x10, 0xC8));
        canvas.DrawRect(new SKRect(0, CaptionTop, BaseWidth, BaseHeight), band);

        using var headingFont = new SKFont(fonts.Bold, 21);
        using var actionFont = new SKFont(fonts.Regular, 17);
        using var white = Palette.Fill(SKColors.White);
        using var grey = Palette.Fill(new SKColor(0xE4, 0xE4, 0xE8));

        var heading = TextTools.Clean(scene.Title);
        if (heading.Length == 0)
            heading = TextTools.Clean(scene.Setting);
        canvas.DrawText(TextLayout.Fit(heading, headingFont, BaseWidth - (2 * SafeX)), SafeX, CaptionTop + 28, SKTextAlign.Left, headingFont, white);

        var lines = TextLayout.Wrap(FramePrompt.KeyAction(scene), actionFont, BaseWidth - (2 * SafeX), 2);
        for (var i = 0; i < lines.Count; i++)
            canvas.DrawText(lines[i], SafeX, CaptionTop + 53 + (i * 21), SKTextAlign.Left, actionFont, grey);
    }
}
