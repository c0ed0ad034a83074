using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>
/// How a character is drawn in every frame, derived only from the name (and the cast, which keeps looks apart):
/// the coat colour and hat are assigned so that no two characters of a cast share them while the palette lasts;
/// the rest comes from the name's stable hash.
/// </summary>
public sealed record CharacterAppearance(
    SKColor Coat,
    SKColor Trousers,
    SKColor Skin,
    SKColor Hair,
    HairStyle HairStyle,
    Headwear Headwear,
    Accessory Accessory,
    float HeightScale,
    float WidthScale)
{
    private static readonly SKColor[] Coats =
    [
        new(0xD6, 0x2D, 0x2D), new(0x2D, 0x6C, 0xD6), new(0x2E, 0xA0, 0x4E), new(0xE8, 0xA3, 0x17),
        new(0x8E, 0x3C, 0xC8), new(0x16, 0xA6, 0xA6), new(0xE3, 0x64, 0x1C), new(0xD8, 0x4A, 0x9B),
        new(0x5B, 0x3A, 0x1E), new(0x7A, 0x8C, 0x22), new(0x22, 0x2B, 0x4A), new(0xF0, 0xE6, 0xD0),
    ];

    private static readonly SKColor[] TrouserColors =
    [
        new(0x2B, 0x2B, 0x33), new(0x3D, 0x4E, 0x6E), new(0x6B, 0x55, 0x3C), new(0x55, 0x55, 0x55), new(0x1F, 0x3A, 0x2C),
    ];

    private static readonly SKColor[] Skins =
    [
        new(0xF6, 0xD5, 0xB8), new(0xEB, 0xBE, 0x96), new(0xD4, 0x9E, 0x74), new(0xB0, 0x7A, 0x52), new(0x8A, 0x5A, 0x3B), new(0x5E, 0x3B, 0x26),
    ];

    private static readonly SKColor[] Hairs =
    [
        new(0x1A, 0x14, 0x10), new(0x5A, 0x36, 0x1E), new(0xA8, 0x6B, 0x32), new(0xE4, 0xC5, 0x7A), new(0xB8, 0x3A, 0x1E), new(0xB8, 0xB8, 0xB8),
    ];

    /// <summary>Number of (coat, hat) pairs that can be kept distinct within a cast.</summary>
    private static readonly int SignatureCount = Coats.Length * Enum.GetValues<Headwear>().Length;

    /// <summary>The look of <paramref name="name"/>; pass the project's whole cast so that looks stay apart.</summary>
    public static CharacterAppearance For(string name, IReadOnlyCollection<string>? cast = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hats = Enum.GetValues<Headwear>();

        // Small casts: distinct coats. Larger ones: distinct (coat, hat) pairs.
        int coat, hat;
        var h = StableHash.Of(name, "appearance");
        var castSize = cast?.Count ?? 0;
        if (castSize <= Coats.Length)
        {
            coat = CastAssignment.SlotOf(name, cast, Coats.Length, "coat");
            hat = (int)(h % (ulong)hats.Length);
        }
        else
        {
            var signature = CastAssignment.SlotOf(name, cast, SignatureCount, "coat-hat");
            coat = signature % Coats.Length;
            hat = signature / Coats.Length;
        }

        var r = new SeededRandom(h);
        return new CharacterAppearance(
            Coats[coat],
            TrouserColors[r.Next(TrouserColors.Length)],
            Skins[r.Next(Skins.Length)],
            Hairs[r.Next(Hairs.Length)],
            (HairStyle)r.Next(Enum.GetValues<HairStyle>().Length),
            hats[hat],
            (Accessory)r.Next(Enum.GetValues<Accessory>().Length),
            0.88f + (r.Next(21) / 100f),
            0.85f + (r.Next(31) / 100f));
    }
}
