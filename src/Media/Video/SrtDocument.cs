using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MoviePipeline.Media.Video;

/// <summary>Writes and reads SubRip (.srt) subtitles.</summary>
public static partial class SrtDocument
{
    /// <summary>SRT text for <paramref name="cues"/>, numbered from 1, with "\n" line ends.</summary>
    public static string Format(IEnumerable<SubtitleCue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var text = new StringBuilder();
        var number = 1;
        foreach (var cue in cues)
        {
            // A cue keeps its own line breaks (at most two lines, SubtitleSplitter); each line is made safe.
            var body = string.Join("\n", cue.Text.Split('\n').Select(SafeText).Where(l => l.Length > 0));
            if (body.Length == 0 || cue.End <= cue.Start)
                continue;
            text.Append(number++).Append('\n')
                .Append(Time(cue.Start)).Append(" --> ").Append(Time(cue.End)).Append('\n')
                .Append(body).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>Reads the cues of an SRT text; malformed blocks are skipped.</summary>
    public static IReadOnlyList<SubtitleCue> Parse(string srt)
    {
        ArgumentNullException.ThrowIfNull(srt);
        var cues = new List<SubtitleCue>();
        var blocks = srt.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var timing = Array.FindIndex(lines, l => l.Contains("-->", StringComparison.Ordinal));
            if (timing < 0)
                continue;
            var match = TimingPattern().Match(lines[timing]);
            if (!match.Success)
                continue;
            var body = string.Join("\n", lines.Skip(timing + 1)).Trim();
            cues.Add(new SubtitleCue(ParseTime(match.Groups[1].Value), ParseTime(match.Groups[2].Value), body));
        }

        return cues;
    }

    /// <summary>
    /// One line of plain text: no blank lines (they end a cue) and no characters libass reads as markup
    /// ({\...} override codes, &lt;tags&gt;, \N), so script text is always shown as written.
    /// </summary>
    public static string SafeText(string? text) =>
        TextTools.Clean(text).Replace('\\', '/').Replace('{', '(').Replace('}', ')').Replace('<', '‹').Replace('>', '›');

    private static string Time(TimeSpan time)
    {
        var t = time < TimeSpan.Zero ? TimeSpan.Zero : time;
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00},{t.Milliseconds:000}");
    }

    private static TimeSpan ParseTime(string text)
    {
        var parts = text.Replace('.', ',').Split(':', ',');
        return new TimeSpan(0, int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(\d+:\d{2}:\d{2}[,.]\d{3})\s*-->\s*(\d+:\d{2}:\d{2}[,.]\d{3})")]
    private static partial Regex TimingPattern();
}
