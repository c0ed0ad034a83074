using MoviePipeline.Media.Video;

namespace MoviePipeline.Media.Tests;

public sealed class SrtDocumentTests
{
    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        SubtitleCue[] cues =
        [
            new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1600), "SARAH: Who sent it?"),
            new(TimeSpan.FromSeconds(3661.5), TimeSpan.FromSeconds(3663), "HARRIS: Ärger — ñ"),
        ];

        var text = SrtDocument.Format(cues);

        Assert.StartsWith("1\n00:00:00,400 --> 00:00:01,600\nSARAH: Who sent it?\n\n2\n01:01:01,500 --> 01:01:03,000\n", text, StringComparison.Ordinal);
        Assert.Equal(cues, SrtDocument.Parse(text));
    }

    [Fact]
    public void SafeText_MarkupAndBlankLines_BecomePlainText()
    {
        Assert.Equal("(/fs99)‹b›hi‹/b› there", SrtDocument.SafeText("{\\fs99}<b>hi</b>\n\n there"));
    }

    [Fact]
    public void Format_EmptyOrBackwardsCue_IsLeftOut()
    {
        var text = SrtDocument.Format([new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), "late"), new(TimeSpan.Zero, TimeSpan.FromSeconds(1), "  ")]);

        Assert.Equal("", text);
    }
}
