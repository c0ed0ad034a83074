using Microsoft.Extensions.Options;
using SkiaSharp;

namespace MoviePipeline.Media.Storyboard;

/// <summary>
/// The DejaVu typefaces every drawing uses, loaded from files so that text never depends on the machine's font set
/// (a missing font would otherwise make text silently vanish, see docs/media-facts.md §1).
/// </summary>
public sealed class StoryboardFonts : IDisposable
{
    public StoryboardFonts(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = options.Value.FontDirectory;
        Regular = Load(folder, "DejaVuSans.ttf");
        Bold = Load(folder, "DejaVuSans-Bold.ttf");
        SerifBold = Load(folder, "DejaVuSerif-Bold.ttf");
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public SKTypeface SerifBold { get; }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
        SerifBold.Dispose();
    }

    private static SKTypeface Load(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The font file \"{path}\" is missing (setting {MediaOptions.SectionName}:FontDirectory). " +
                "Install fonts-dejavu-core with scripts/install-deps.sh or point the setting at a folder with the DejaVu fonts.");
        }

        return SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The font file \"{path}\" could not be read as a TrueType font.");
    }
}
