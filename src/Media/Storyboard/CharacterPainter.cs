using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Draws one character as a simple figure in its <see cref="CharacterAppearance"/>, with its name below.</summary>
internal static class CharacterPainter
{
    private static readonly SKColor Outline = new(0x1E, 0x1E, 0x24);

    /// <param name="x">Centre of the figure.</param>
    /// <param name="feetY">Where the feet stand.</param>
    /// <param name="height">Full height of the figure, hat excluded.</param>
    public static void Paint(SKCanvas canvas, CharacterAppearance look, string name, float x, float feetY, float height,
        StoryboardFonts fonts, bool detailed, float brightness)
    {
        var u = height * look.HeightScale / 10f;
        var half = 1.3f * u * look.WidthScale;
        var coat = Palette.Shade(look.Coat, Math.Max(0.6f, brightness));
        var skin = Palette.Shade(look.Skin, Math.Max(0.7f, brightness));
        var hair = look.Hair;
        using var outline = Palette.Stroke(Outline, detailed ? 2.4f : 1.6f);

        // Shadow on the ground.
        using (var shadow = new SKPaint { IsAntialias = true })
        {
            shadow.Color = new SKColor(0, 0, 0, detailed ? (byte)0x50 : (byte)0x30);
            if (detailed)
                shadow.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 4);
            canvas.DrawOval(new SKRect(x - (half * 1.4f), feetY - (0.25f * u), x + (half * 1.4f), feetY + (0.3f * u)), shadow);
        }

        // Legs and shoes.
        using (var trousers = Palette.Fill(Palette.Shade(look.Trousers, Math.Max(0.6f, brightness))))
        {
            var leg = new SKRect(x - (0.7f * u), feetY - (4f * u), x - (0.08f * u), feetY - (0.2f * u));
            canvas.DrawRect(leg, trousers);
            canvas.DrawRect(leg, outline);
            leg = new SKRect(x + (0.08f * u), feetY - (4f * u), x + (0.7f * u), feetY - (0.2f * u));
            canvas.DrawRect(leg, trousers);
            canvas.DrawRect(leg, outline);
        }

        using (var shoe = Palette.Fill(Outline))
        {
            canvas.DrawOval(new SKRect(x - (0.9f * u), feetY - (0.45f * u), x - (0.02f * u), feetY + (0.05f * u)), shoe);
            canvas.DrawOval(new SKRect(x + (0.02f * u), feetY - (0.45f * u), x + (0.9f * u), feetY + (0.05f * u)), shoe);
        }

        // Arms, then the coat over them.
        using (var sleeve = Palette.Fill(Palette.Shade(coat, 0.82f)))
        using (var hand = Palette.Fill(skin))
        {
            foreach (var side in new[] { -1f, 1f })
            {
                var armX = x + (side * (half + (0.3f * u)));
                var arm = new SKRoundRect(new SKRect(armX - (0.3f * u), feetY - (7.1f * u), armX + (0.3f * u), feetY - (4.2f * u)), 0.3f * u);
                canvas.DrawRoundRect(arm, sleeve);
                canvas.DrawRoundRect(arm, outline);
                canvas.DrawCircle(armX, feetY - (4.05f * u), 0.32f * u, hand);
            }
        }

        var torso = new SKRoundRect(new SKRect(x - half, feetY - (7.3f * u), x + half, feetY - (3.7f * u)), 0.5f * u);
        using (var coatPaint = new SKPaint { IsAntialias = true, Color = coat })
        {
            if (detailed)
            {
                coatPaint.Shader = SKShader.CreateLinearGradient(new SKPoint(x - half, 0), new SKPoint(x + half, 0),
                    [Palette.Shade(coat, 1.12f), coat, Palette.Shade(coat, 0.78f)], SKShaderTileMode.Clamp);
            }

            canvas.DrawRoundRect(torso, coatPaint);
        }

        canvas.DrawRoundRect(torso, outline);

        // Neck and head.
        using var skinPaint = Palette.Fill(skin);
        canvas.DrawRect(new SKRect(x - (0.3f * u), feetY - (7.7f * u), x + (0.3f * u), feetY - (7.2f * u)), skinPaint);
        var headY = feetY - (8.7f * u);
        var headR = 1.05f * u;
        PaintHairBehind(canvas, look.HairStyle, hair, x, headY, headR);
        canvas.DrawCircle(x, headY, headR, skinPaint);
        canvas.DrawCircle(x, headY, headR, outline);
        PaintHairOnTop(canvas, look.HairStyle, hair, x, headY, headR);

        // Face.
        using (var eye = Palette.Fill(Outline))
        {
            canvas.DrawCircle(x - (0.38f * u), headY - (0.05f * u), 0.11f * u, eye);
            canvas.DrawCircle(x + (0.38f * u), headY - (0.05f * u), 0.11f * u, eye);
        }

        using (var mouth = Palette.Stroke(Outline, Math.Max(1.2f, 0.08f * u)))
        {
            canvas.DrawArc(new SKRect(x - (0.35f * u), headY + (0.1f * u), x + (0.35f * u), headY + (0.55f * u)), 20, 140, false, mouth);
            if (detailed)
            {
                canvas.DrawLine(x - (0.55f * u), headY - (0.35f * u), x - (0.2f * u), headY - (0.4f * u), mouth);
                canvas.DrawLine(x + (0.2f * u), headY - (0.4f * u), x + (0.55f * u), headY - (0.35f * u), mouth);
            }
        }

        if (detailed)
        {
            using var cheek = Palette.Fill(new SKColor(0xE8, 0x70, 0x70, 0x50));
            canvas.DrawCircle(x - (0.6f * u), headY + (0.25f * u), 0.18f * u, cheek);
            canvas.DrawCircle(x + (0.6f * u), headY + (0.25f * u), 0.18f * u, cheek);
        }

        PaintAccessory(canvas, look.Accessory, coat, x, feetY, headY, u);
        PaintHeadwear(canvas, look.Headwear, look.Coat, x, headY, headR, u);
        PaintName(canvas, name, x, feetY + (0.45f * u), fonts);
    }

    private static void PaintHairBehind(SKCanvas canvas, HairStyle style, SKColor hair, float x, float y, float r)
    {
        using var paint = Palette.Fill(hair);
        switch (style)
        {
            case HairStyle.Long:
                canvas.DrawRoundRect(new SKRect(x - (r * 1.15f), y - (r * 0.6f), x + (r * 1.15f), y + (r * 1.6f)), r * 0.5f, r * 0.5f, paint);
                break;
            case HairStyle.Ponytail:
                canvas.DrawCircle(x + (r * 1.05f), y - (r * 0.1f), r * 0.42f, paint);
                canvas.DrawOval(new SKRect(x + (r * 1.0f), y, x + (r * 1.5f), y + (r * 1.2f)), paint);
                break;
            default:
                break;
        }
    }

    private static void PaintHairOnTop(SKCanvas canvas, HairStyle style, SKColor hair, float x, float y, float r)
    {
        using var paint = Palette.Fill(hair);
        switch (style)
        {
            case HairStyle.Short:
            case HairStyle.Long:
            case HairStyle.Ponytail:
                canvas.DrawArc(new SKRect(x - (r * 1.04f), y - (r * 1.1f), x + (r * 1.04f), y + (r * 0.7f)), 180, 180, true, paint);
                break;
            case HairStyle.Curly:
                for (var a = 150; a <= 390; a += 30)
                {
                    var rad = a * MathF.PI / 180f;
                    canvas.DrawCircle(x + (MathF.Cos(rad) * r * 0.95f), y + (MathF.Sin(rad) * r * 0.95f), r * 0.36f, paint);
                }

                break;
            default:
                break;
        }
    }

    private static void PaintAccessory(SKCanvas canvas, Accessory accessory, SKColor coat, float x, float feetY, float headY, float u)
    {
        switch (accessory)
        {
            case Accessory.Glasses:
                using (var frame = Palette.Stroke(Outline, Math.Max(1.5f, 0.09f * u)))
                {
                    canvas.DrawCircle(x - (0.4f * u), headY - (0.05f * u), 0.28f * u, frame);
                    canvas.DrawCircle(x + (0.4f * u), headY - (0.05f * u), 0.28f * u, frame);
                    canvas.DrawLine(x - (0.12f * u), headY - (0.05f * u), x + (0.12f * u), headY - (0.05f * u), frame);
                }

                break;
            case Accessory.Tie:
                using (var tie = Palette.Fill(Palette.Mix(coat, new SKColor(0x20, 0x20, 0x60), 0.7f)))
                using (var path = new SKPath())
                {
                    path.MoveTo(x - (0.22f * u), feetY - (7.3f * u));
                    path.LineTo(x + (0.22f * u), feetY - (7.3f * u));
                    path.LineTo(x + (0.3f * u), feetY - (4.9f * u));
                    path.LineTo(x, feetY - (4.5f * u));
                    path.LineTo(x - (0.3f * u), feetY - (4.9f * u));
                    path.Close();
                    canvas.DrawPath(path, tie);
                }

                break;
            case Accessory.Scarf:
                using (var scarf = Palette.Fill(Palette.Mix(coat, new SKColor(0xF2, 0xF2, 0xF2), 0.65f)))
                {
                    canvas.DrawRoundRect(new SKRect(x - (1.0f * u), feetY - (7.75f * u), x + (1.0f * u), feetY - (7.05f * u)), 0.3f * u, 0.3f * u, scarf);
                    canvas.DrawRect(new SKRect(x + (0.4f * u), feetY - (7.2f * u), x + (0.85f * u), feetY - (5.6f * u)), scarf);
                }

                break;
            case Accessory.BowTie:
                using (var bow = Palette.Fill(new SKColor(0xB0, 0x10, 0x20)))
                using (var path = new SKPath())
                {
                    var y = feetY - (7.1f * u);
                    path.MoveTo(x, y);
                    path.LineTo(x - (0.55f * u), y - (0.3f * u));
                    path.LineTo(x - (0.55f * u), y + (0.3f * u));
                    path.Close();
                    path.MoveTo(x, y);
                    path.LineTo(x + (0.55f * u), y - (0.3f * u));
                    path.LineTo(x + (0.55f * u), y + (0.3f * u));
                    path.Close();
                    canvas.DrawPath(path, bow);
                }

                break;
            default:
                break;
        }
    }

    private static void PaintHeadwear(SKCanvas canvas, Headwear headwear, SKColor coat, float x, float headY, float r, float u)
    {
        var hatColor = Palette.Mix(coat, new SKColor(0x18, 0x18, 0x1C), 0.55f);
        using var hat = Palette.Fill(hatColor);
        using var band = Palette.Fill(Palette.Shade(coat, 1.1f));
        var top = headY - r;
        switch (headwear)
        {
            case Headwear.TopHat:
                canvas.DrawRect(new SKRect(x - (1.45f * u), top + (0.05f * u), x + (1.45f * u), top + (0.3f * u)), hat);
                canvas.DrawRect(new SKRect(x - (0.85f * u), top - (1.7f * u), x + (0.85f * u), top + (0.1f * u)), hat);
                canvas.DrawRect(new SKRect(x - (0.85f * u), top - (0.35f * u), x + (0.85f * u), top - (0.05f * u)), band);
                break;
            case Headwear.Cap:
                canvas.DrawArc(new SKRect(x - (1.08f * u), top - (0.15f * u), x + (1.08f * u), top + (1.5f * u)), 180, 180, true, hat);
                canvas.DrawRoundRect(new SKRect(x, top + (0.55f * u), x + (1.9f * u), top + (0.8f * u)), 0.12f * u, 0.12f * u, hat);
                break;
            case Headwear.Beret:
                canvas.DrawOval(new SKRect(x - (1.35f * u), top - (0.35f * u), x + (1.0f * u), top + (0.5f * u)), hat);
                canvas.DrawCircle(x - (0.1f * u), top - (0.4f * u), 0.14f * u, hat);
                break;
            case Headwear.WideBrim:
                canvas.DrawOval(new SKRect(x - (2.1f * u), top + (0.05f * u), x + (2.1f * u), top + (0.55f * u)), hat);
                canvas.DrawRoundRect(new SKRect(x - (0.95f * u), top - (0.9f * u), x + (0.95f * u), top + (0.35f * u)), 0.35f * u, 0.35f * u, hat);
                canvas.DrawRect(new SKRect(x - (0.95f * u), top - (0.05f * u), x + (0.95f * u), top + (0.2f * u)), band);
                break;
            case Headwear.Beanie:
                canvas.DrawArc(new SKRect(x - (1.1f * u), top - (0.3f * u), x + (1.1f * u), top + (1.6f * u)), 180, 180, true, hat);
                canvas.DrawRect(new SKRect(x - (1.12f * u), top + (0.45f * u), x + (1.12f * u), top + (0.75f * u)), band);
                canvas.DrawCircle(x, top - (0.35f * u), 0.28f * u, band);
                break;
            default:
                break;
        }
    }

    private static void PaintName(SKCanvas canvas, string name, float x, float y, StoryboardFonts fonts)
    {
        using var font = new SKFont(fonts.Bold, 14);
        var text = TextTools.Shorten(name, 18);
        var width = font.MeasureText(text);
        using var pill = Palette.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xD8));
        canvas.DrawRoundRect(new SKRect(x - (width / 2) - 8, y, x + (width / 2) + 8, y + 20), 10, 10, pill);
        using var ink = Palette.Fill(Outline);
        canvas.DrawText(text, x, y + 15, SKTextAlign.Center, font, ink);
    }
}
