using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Paints the place of a scene: sky or walls, ground or floor, and props that fit the location's name.</summary>
internal static class BackdropPainter
{
    public const float Width = 1024;
    public const float Height = 576;

    private static readonly string[] Urban = ["STREET", "ROAD", "CITY", "ALLEY", "PARKING", "AVENUE", "DOWNTOWN", "ROOFTOP", "BRIDGE", "SQUARE", "STATION"];
    private static readonly string[] Water = ["BEACH", "SEA", "OCEAN", "LAKE", "RIVER", "HARBOR", "HARBOUR", "DOCK", "PIER", "SHORE", "COAST"];
    private static readonly string[] Nature = ["FOREST", "WOODS", "PARK", "GARDEN", "FIELD", "FARM", "MOUNTAIN", "HILL", "CAMP", "YARD", "MEADOW"];

    private static readonly SKColor[] Walls =
    [
        new(0xE9, 0xDC, 0xC3), new(0xCF, 0xE0, 0xD0), new(0xD3, 0xDD, 0xEB), new(0xE4, 0xD2, 0xE6), new(0xEE, 0xE3, 0xB8), new(0xD9, 0xC7, 0xB4),
    ];

    /// <summary>Paints the backdrop and returns the y of the floor or ground line.</summary>
    public static float Paint(SKCanvas canvas, SettingLook look, SeededRandom random, bool detailed)
    {
        return look.IsInterior ? PaintInterior(canvas, look, random, detailed) : PaintExterior(canvas, look, random, detailed);
    }

    private static float PaintExterior(SKCanvas canvas, SettingLook look, SeededRandom r, bool detailed)
    {
        var horizon = (Height * 0.58f) + r.Range(-18, 18);
        var brightness = Palette.Brightness(look.Light);
        PaintSky(canvas, new SKRect(0, 0, Width, horizon + 2), look.Light, r, detailed);
        var place = look.Location.ToUpperInvariant();

        if (Matches(place, Urban))
        {
            var skyline = Palette.Shade(new SKColor(0x4A, 0x52, 0x66), brightness);
            for (var x = -20f; x < Width; x += r.Range(70, 130))
            {
                var w = r.Range(60, 120);
                var top = horizon - r.Range(60, 200);
                using var building = Palette.Fill(Palette.Mix(skyline, new SKColor(0, 0, 0), r.Range(0, 0.3f)));
                canvas.DrawRect(new SKRect(x, top, x + w, horizon + 1), building);
                var lit = look.Light == TimeOfDay.Night ? new SKColor(0xFF, 0xD9, 0x6A) : Palette.Shade(new SKColor(0xBF, 0xD8, 0xEA), brightness);
                using var window = Palette.Fill(lit);
                for (var wy = top + 12; wy < horizon - 14; wy += 22)
                {
                    for (var wx = x + 10; wx < x + w - 14; wx += 20)
                    {
                        if (r.Next(3) != 0)
                            canvas.DrawRect(new SKRect(wx, wy, wx + 8, wy + 11), window);
                    }
                }
            }

            using var asphalt = Palette.Fill(Palette.Shade(new SKColor(0x5E, 0x61, 0x66), brightness));
            canvas.DrawRect(new SKRect(0, horizon, Width, Height), asphalt);
            using var lane = Palette.Fill(Palette.Shade(new SKColor(0xF2, 0xE2, 0x8C), brightness));
            for (var x = 10f; x < Width; x += 90)
                canvas.DrawRect(new SKRect(x, horizon + 38, x + 50, horizon + 44), lane);
            if (detailed)
            {
                using var curb = Palette.Fill(Palette.Shade(new SKColor(0x9A, 0x9A, 0x96), brightness));
                canvas.DrawRect(new SKRect(0, horizon, Width, horizon + 8), curb);
            }
        }
        else if (Matches(place, Water))
        {
            using var sea = new SKPaint { IsAntialias = true };
            sea.Shader = SKShader.CreateLinearGradient(new SKPoint(0, horizon), new SKPoint(0, horizon + 70),
                [Palette.Shade(new SKColor(0x1F, 0x6F, 0xA8), brightness), Palette.Shade(new SKColor(0x4F, 0xA8, 0xD0), brightness)], SKShaderTileMode.Clamp);
            canvas.DrawRect(new SKRect(0, horizon, Width, horizon + 70), sea);
            using var sand = Palette.Fill(Palette.Shade(new SKColor(0xE8, 0xD3, 0x9A), brightness));
            canvas.DrawRect(new SKRect(0, horizon + 70, Width, Height), sand);
            using var foam = Palette.Stroke(Palette.Shade(SKColors.White, brightness), 2);
            for (var i = 0; i < (detailed ? 14 : 6); i++)
            {
                var x = r.Range(0, Width - 60);
                var y = horizon + r.Range(8, 62);
                canvas.DrawLine(x, y, x + r.Range(20, 60), y, foam);
            }
        }
        else
        {
            var grass = Palette.Shade(new SKColor(0x5D, 0xA5, 0x46), brightness);
            using var hill = Palette.Fill(Palette.Shade(new SKColor(0x4C, 0x8C, 0x3A), brightness));
            for (var i = 0; i < 3; i++)
                canvas.DrawOval(new SKRect(r.Range(-200, 700), horizon - r.Range(30, 80), r.Range(700, 1300), horizon + 120), hill);
            using var ground = Palette.Fill(grass);
            canvas.DrawRect(new SKRect(0, horizon, Width, Height), ground);
            var trees = Matches(place, Nature) ? r.Next(4) + 5 : r.Next(3) + 1;
            for (var i = 0; i < trees; i++)
                PaintTree(canvas, r.Range(20, Width - 20), horizon + r.Range(0, 30), r.Range(0.7f, 1.3f), brightness);
            if (detailed)
            {
                using var blade = Palette.Stroke(Palette.Shade(new SKColor(0x3F, 0x7F, 0x2E), brightness), 1.5f);
                for (var i = 0; i < 160; i++)
                {
                    var x = r.Range(0, Width);
                    var y = r.Range(horizon + 10, Height);
                    canvas.DrawLine(x, y, x + r.Range(-3, 3), y - r.Range(4, 10), blade);
                }
            }
        }

        return Math.Min(Height * 0.83f, horizon + 150);
    }

    private static float PaintInterior(SKCanvas canvas, SettingLook look, SeededRandom r, bool detailed)
    {
        var place = look.Location.ToUpperInvariant();
        var brightness = look.Light == TimeOfDay.Night ? 0.55f : Palette.Brightness(look.Light);
        var wallColor = Palette.Shade(Walls[(int)(StableHash.Of(place, "wall") % (ulong)Walls.Length)], brightness);
        var floorY = (Height * 0.64f) + r.Range(-12, 12);

        using (var wall = Palette.Fill(wallColor))
            canvas.DrawRect(new SKRect(0, 0, Width, floorY), wall);
        if (detailed)
        {
            using var stripe = Palette.Fill(Palette.Shade(wallColor, 0.96f));
            for (var x = 0f; x < Width; x += 48)
                canvas.DrawRect(new SKRect(x, 0, x + 24, floorY), stripe);
        }

        var floorColor = Palette.Shade(new SKColor(0x8B, 0x5E, 0x3C), brightness);
        using (var floor = Palette.Fill(floorColor))
            canvas.DrawRect(new SKRect(0, floorY, Width, Height), floor);
        using (var board = Palette.Fill(Palette.Shade(floorColor, 0.7f)))
            canvas.DrawRect(new SKRect(0, floorY - 6, Width, floorY + 2), board);
        if (detailed)
        {
            using var plank = Palette.Stroke(Palette.Shade(floorColor, 0.8f), 1.5f);
            for (var y = floorY + 18; y < Height; y += 22)
                canvas.DrawLine(0, y, Width, y, plank);
        }

        // A window shows the time of day; a door on the other side.
        var windowLeft = r.Next(2) == 0;
        var windowX = windowLeft ? r.Range(60, 300) : r.Range(600, 800);
        var windowRect = new SKRect(windowX, 60, windowX + 190, Math.Min(220, floorY - 90));
        PaintSky(canvas, windowRect, look.Light, r, detailed);
        using (var frame = Palette.Stroke(Palette.Shade(new SKColor(0xF5, 0xF0, 0xE6), brightness), 8))
        {
            canvas.DrawRect(windowRect, frame);
            canvas.DrawLine(windowRect.MidX, windowRect.Top, windowRect.MidX, windowRect.Bottom, frame);
            canvas.DrawLine(windowRect.Left, windowRect.MidY, windowRect.Right, windowRect.MidY, frame);
        }

        var doorX = windowLeft ? r.Range(760, 880) : r.Range(40, 200);
        using (var door = Palette.Fill(Palette.Shade(new SKColor(0x7A, 0x4B, 0x2A), brightness)))
            canvas.DrawRect(new SKRect(doorX, floorY - 230, doorX + 105, floorY - 4), door);
        using (var knob = Palette.Fill(Palette.Shade(new SKColor(0xE0, 0xB8, 0x4A), brightness)))
            canvas.DrawCircle(doorX + 88, floorY - 110, 6, knob);

        PaintInteriorProps(canvas, place, windowLeft, floorY, brightness, r, detailed);

        if (look.Light == TimeOfDay.Night)
        {
            // A warm lamp pool makes a night interior read as night at a glance.
            var lampX = windowLeft ? Width * 0.72f : Width * 0.28f;
            using var glow = new SKPaint { IsAntialias = true };
            glow.Shader = SKShader.CreateRadialGradient(new SKPoint(lampX, floorY - 150), 260,
                [new SKColor(0xFF, 0xD2, 0x7A, 0x70), new SKColor(0xFF, 0xD2, 0x7A, 0x00)], SKShaderTileMode.Clamp);
            canvas.DrawRect(new SKRect(0, 0, Width, Height), glow);
            using var lamp = Palette.Fill(new SKColor(0xFF, 0xE3, 0xA0));
            using var pole = Palette.Fill(new SKColor(0x30, 0x30, 0x30));
            canvas.DrawRect(new SKRect(lampX - 3, floorY - 140, lampX + 3, floorY - 4), pole);
            using var shade = new SKPath();
            shade.MoveTo(lampX - 30, floorY - 140);
            shade.LineTo(lampX + 30, floorY - 140);
            shade.LineTo(lampX + 18, floorY - 180);
            shade.LineTo(lampX - 18, floorY - 180);
            shade.Close();
            canvas.DrawPath(shade, lamp);
        }

        return Math.Min(Height * 0.83f, floorY + 110);
    }

    private static void PaintInteriorProps(SKCanvas canvas, string place, bool windowLeft, float floorY, float brightness, SeededRandom r, bool detailed)
    {
        var propX = windowLeft ? r.Range(360, 520) : r.Range(300, 460);
        var wood = Palette.Shade(new SKColor(0x9C, 0x6B, 0x43), brightness);
        using var woodPaint = Palette.Fill(wood);
        using var dark = Palette.Fill(Palette.Shade(new SKColor(0x33, 0x33, 0x3A), brightness));
        if (Matches(place, ["KITCHEN"]))
        {
            using var counter = Palette.Fill(Palette.Shade(new SKColor(0xE6, 0xE6, 0xE0), brightness));
            canvas.DrawRect(new SKRect(propX - 60, floorY - 95, propX + 240, floorY - 2), woodPaint);
            canvas.DrawRect(new SKRect(propX - 66, floorY - 104, propX + 246, floorY - 92), counter);
            canvas.DrawRect(new SKRect(propX - 50, 40, propX + 230, 110), woodPaint);
            for (var x = propX - 40; x < propX + 220; x += 70)
                canvas.DrawCircle(x + 30, floorY - 50, 4, dark);
        }
        else if (Matches(place, ["OFFICE", "STUDY", "LAB", "PRECINCT", "BANK", "LIBRARY"]))
        {
            canvas.DrawRect(new SKRect(propX, floorY - 80, propX + 220, floorY - 66), woodPaint);
            canvas.DrawRect(new SKRect(propX + 10, floorY - 66, propX + 24, floorY - 2), woodPaint);
            canvas.DrawRect(new SKRect(propX + 196, floorY - 66, propX + 210, floorY - 2), woodPaint);
            canvas.DrawRect(new SKRect(propX + 70, floorY - 150, propX + 160, floorY - 90), dark);
            canvas.DrawRect(new SKRect(propX + 110, floorY - 90, propX + 120, floorY - 80), dark);
            using var screen = Palette.Fill(new SKColor(0x7F, 0xC4, 0xF0));
            canvas.DrawRect(new SKRect(propX + 76, floorY - 144, propX + 154, floorY - 96), screen);
        }
        else if (Matches(place, ["BEDROOM", "HOTEL", "MOTEL", "HOSPITAL", "WARD"]))
        {
            using var sheet = Palette.Fill(Palette.Shade(new SKColor(0xF4, 0xF4, 0xF8), brightness));
            canvas.DrawRect(new SKRect(propX - 20, floorY - 70, propX + 260, floorY - 10), woodPaint);
            canvas.DrawRect(new SKRect(propX - 20, floorY - 140, propX + 4, floorY - 2), woodPaint);
            canvas.DrawRoundRect(new SKRect(propX, floorY - 92, propX + 250, floorY - 62), 10, 10, sheet);
        }
        else if (Matches(place, ["BAR", "PUB", "CAFE", "CAFÉ", "DINER", "RESTAURANT", "CLUB", "SALOON"]))
        {
            canvas.DrawRect(new SKRect(propX - 80, floorY - 110, propX + 300, floorY - 2), woodPaint);
            for (var i = 0; i < 7; i++)
            {
                using var bottle = Palette.Fill(Palette.Shade(new SKColor((byte)(60 + (i * 25)), 0x90, 0x50), brightness));
                canvas.DrawRoundRect(new SKRect(propX - 40 + (i * 40), 90, propX - 24 + (i * 40), 140), 4, 4, bottle);
            }

            canvas.DrawRect(new SKRect(propX - 60, 140, propX + 260, 148), woodPaint);
        }
        else
        {
            // A living space: a picture, a table, a plant.
            using var picture = Palette.Fill(Palette.Shade(new SKColor(0xC9, 0x8B, 0x4F), brightness));
            canvas.DrawRect(new SKRect(propX, 80, propX + 120, 160), picture);
            using var art = Palette.Fill(Palette.Shade(new SKColor(0x5C, 0x8E, 0xB8), brightness));
            canvas.DrawRect(new SKRect(propX + 8, 88, propX + 112, 152), art);
            if (detailed)
            {
                using var sun = Palette.Fill(Palette.Shade(new SKColor(0xF7, 0xD0, 0x4A), brightness));
                canvas.DrawCircle(propX + 80, 108, 12, sun);
            }

            canvas.DrawRect(new SKRect(propX - 10, floorY - 64, propX + 150, floorY - 54), woodPaint);
            canvas.DrawRect(new SKRect(propX, floorY - 54, propX + 10, floorY - 2), woodPaint);
            canvas.DrawRect(new SKRect(propX + 130, floorY - 54, propX + 140, floorY - 2), woodPaint);
            using var leaf = Palette.Fill(Palette.Shade(new SKColor(0x3E, 0x8E, 0x41), brightness));
            canvas.DrawCircle(propX + 200, floorY - 60, 26, leaf);
            canvas.DrawRect(new SKRect(propX + 186, floorY - 40, propX + 214, floorY - 2), woodPaint);
        }
    }

    private static void PaintSky(SKCanvas canvas, SKRect area, TimeOfDay light, SeededRandom r, bool detailed)
    {
        var (top, bottom) = Palette.Sky(light);
        using (var sky = new SKPaint { IsAntialias = true })
        {
            sky.Shader = SKShader.CreateLinearGradient(new SKPoint(0, area.Top), new SKPoint(0, area.Bottom), [top, bottom], SKShaderTileMode.Clamp);
            canvas.DrawRect(area, sky);
        }

        canvas.Save();
        canvas.ClipRect(area);
        var small = area.Height < 200;
        switch (light)
        {
            case TimeOfDay.Night:
                using (var star = Palette.Fill(new SKColor(0xFF, 0xFF, 0xF0, 0xD0)))
                {
                    var count = (int)(area.Width * area.Height / (detailed ? 2500 : 5000));
                    for (var i = 0; i < count; i++)
                        canvas.DrawCircle(r.Range(area.Left, area.Right), r.Range(area.Top, area.Bottom), r.Range(0.6f, 1.8f), star);
                }

                var moonX = r.Range(area.Left + 30, area.Right - 30);
                var moonY = area.Top + (small ? area.Height * 0.35f : r.Range(50, 120));
                using (var moon = Palette.Fill(new SKColor(0xF4, 0xF1, 0xDC)))
                    canvas.DrawCircle(moonX, moonY, small ? 16 : 28, moon);
                using (var bite = Palette.Fill(top))
                    canvas.DrawCircle(moonX + (small ? 7 : 12), moonY - 4, small ? 14 : 24, bite);
                break;
            case TimeOfDay.Dusk:
                using (var sun = Palette.Fill(new SKColor(0xFF, 0xB3, 0x47)))
                    canvas.DrawCircle(r.Range(area.Left + 40, area.Right - 40), area.Bottom, small ? 26 : 48, sun);
                break;
            default:
                var sunColor = light == TimeOfDay.Dawn ? new SKColor(0xFF, 0xE1, 0x9A) : new SKColor(0xFF, 0xE8, 0x5C);
                using (var sun = Palette.Fill(sunColor))
                {
                    var sunY = light == TimeOfDay.Dawn ? area.Bottom - (area.Height * 0.2f) : area.Top + (area.Height * 0.28f);
                    canvas.DrawCircle(r.Range(area.Left + 40, area.Right - 40), sunY, small ? 18 : 34, sun);
                }

                using (var cloud = Palette.Fill(new SKColor(0xFF, 0xFF, 0xFF, 0xC8)))
                {
                    for (var i = 0; i < (detailed ? 4 : 2); i++)
                    {
                        var cx = r.Range(area.Left, area.Right);
                        var cy = area.Top + r.Range(10, Math.Max(12, area.Height * 0.45f));
                        canvas.DrawOval(new SKRect(cx - 40, cy - 12, cx + 40, cy + 12), cloud);
                        canvas.DrawOval(new SKRect(cx - 18, cy - 24, cx + 22, cy + 4), cloud);
                    }
                }

                break;
        }

        canvas.Restore();
    }

    private static void PaintTree(SKCanvas canvas, float x, float baseY, float scale, float brightness)
    {
        using var trunk = Palette.Fill(Palette.Shade(new SKColor(0x6B, 0x45, 0x2A), brightness));
        using var crown = Palette.Fill(Palette.Shade(new SKColor(0x2F, 0x7D, 0x32), brightness));
        canvas.DrawRect(new SKRect(x - (6 * scale), baseY - (70 * scale), x + (6 * scale), baseY), trunk);
        canvas.DrawCircle(x, baseY - (90 * scale), 34 * scale, crown);
        canvas.DrawCircle(x - (22 * scale), baseY - (70 * scale), 24 * scale, crown);
        canvas.DrawCircle(x + (22 * scale), baseY - (70 * scale), 24 * scale, crown);
    }

    private static bool Matches(string place, string[] words) => words.Any(w => place.Contains(w, StringComparison.Ordinal));
}
