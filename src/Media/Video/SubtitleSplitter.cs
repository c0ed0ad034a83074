namespace MoviePipeline.Media.Video;

/// <summary>
/// Cuts a spoken line into subtitles as common practice has them: at most <see cref="MaxLines"/> lines of
/// <see cref="LineCharacters"/> characters a cue, cut at sentence ends first, then at clause marks (, ; : —), then
/// between words; each cue on screen for its share of the line's time by length, cut again while one would stay up
/// longer than <see cref="MaxCueSeconds"/>; one shorter than <see cref="MinCueSeconds"/> joins a neighbour where the
/// two fit one cue. (A line too short for a second is the movie's to stretch into the pause after it.)
/// </summary>
public static class SubtitleSplitter
{
    public const int LineCharacters = 42;
    public const int MaxLines = 2;
    public const double MaxCueSeconds = 7;
    public const double MinCueSeconds = 1;

    private static readonly char[] SentenceEnds = ['.', '!', '?', '…'];
    private static readonly char[] ClauseMarks = [',', ';', ':', '—', '–'];

    /// <summary>The cues of <paramref name="text"/>, spoken from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static IReadOnlyList<SubtitleCue> Split(string text, TimeSpan start, TimeSpan end)
    {
        var chunks = Chunks(SrtDocument.SafeText(text));
        if (chunks.Count == 0)
            return [];
        var span = end > start ? end - start : TimeSpan.Zero;

        // A cue that would stay up too long is halved between its words until none does.
        while (true)
        {
            var total = chunks.Sum(c => c.Length);
            var longest = chunks.Select((c, i) => (Seconds: span.TotalSeconds * c.Length / total, i)).MaxBy(x => x.Seconds);
            var words = chunks[longest.i].Split(' ');
            if (longest.Seconds <= MaxCueSeconds || words.Length < 2)
                break;
            var half = words.Length / 2;
            chunks[longest.i] = string.Join(' ', words[half..]);
            chunks.Insert(longest.i, string.Join(' ', words[..half]));
        }

        // A cue too short to read joins a neighbour when the two still fit one cue.
        // Each step joins two cues or evens a pair out; the bound only guards against two pairs evening each other out forever.
        var steps = 4 * chunks.Count;
        for (var i = 0; i < chunks.Count && chunks.Count > 1 && steps > 0; i++)
        {
            var total = chunks.Sum(c => c.Length);
            if (span.TotalSeconds * chunks[i].Length / total >= MinCueSeconds)
                continue;
            var neighbour = i + 1 < chunks.Count && Fits(chunks[i] + " " + chunks[i + 1]) ? i + 1
                : i > 0 && Fits(chunks[i - 1] + " " + chunks[i]) ? i - 1 : -1;
            if (neighbour >= 0)
            {
                var (first, second) = neighbour > i ? (i, neighbour) : (neighbour, i);
                chunks[first] = chunks[first] + " " + chunks[second];
                chunks.RemoveAt(second);
                i = -1;
                steps--;
            }
            else if (Rebalance(chunks, i > 0 ? i - 1 : i))
            {
                // Too long to join: the pair is cut again at its middle word, so each half stays up long enough.
                i = -1;
                steps--;
            }
        }

        var characters = chunks.Sum(c => c.Length);
        var cues = new List<SubtitleCue>(chunks.Count);
        var at = start;
        var done = 0;
        foreach (var chunk in chunks)
        {
            done += chunk.Length;
            var until = start + (span * done / characters);
            cues.Add(new SubtitleCue(Round(at), Round(until), Wrap(chunk)));
            at = until;
        }

        return cues;
    }

    /// <summary>The text in pieces that each fit a cue: whole sentences where they fit, then clauses, then words.</summary>
    internal static List<string> Chunks(string text)
    {
        var chunks = new List<string>();
        var current = "";
        foreach (var sentence in Segments(text, SentenceEnds))
        {
            foreach (var part in Fits(sentence) ? [sentence] : Segments(sentence, ClauseMarks))
            {
                foreach (var piece in Fits(part) ? [part] : ByWords(part))
                {
                    var joined = current.Length == 0 ? piece : current + " " + piece;
                    if (Fits(joined))
                    {
                        current = joined;
                        continue;
                    }

                    if (current.Length > 0)
                        chunks.Add(current);
                    current = piece;
                }
            }
        }

        if (current.Length > 0)
            chunks.Add(current);
        return chunks;
    }

    /// <summary>
    /// Cuts the text of cues <paramref name="first"/> and the one after it again between the words nearest its middle,
    /// when both halves fit a cue and the shorter grows; returns whether it did.
    /// </summary>
    private static bool Rebalance(List<string> chunks, int first)
    {
        if (first + 1 >= chunks.Count)
            return false;
        var words = (chunks[first] + " " + chunks[first + 1]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var before = Math.Min(chunks[first].Length, chunks[first + 1].Length);
        var best = (Shorter: before, Cut: -1);
        for (var cut = 1; cut < words.Length; cut++)
        {
            var (left, right) = (string.Join(' ', words[..cut]), string.Join(' ', words[cut..]));
            if (Fits(left) && Fits(right) && Math.Min(left.Length, right.Length) > best.Shorter)
                best = (Math.Min(left.Length, right.Length), cut);
        }

        if (best.Cut < 0)
            return false;
        chunks[first] = string.Join(' ', words[..best.Cut]);
        chunks[first + 1] = string.Join(' ', words[best.Cut..]);
        return true;
    }

    /// <summary>A cue's text broken into at most two lines, as even as the words allow.</summary>
    internal static string Wrap(string chunk)
    {
        if (chunk.Length <= LineCharacters)
            return chunk;
        var best = -1;
        for (var i = chunk.IndexOf(' '); i >= 0; i = chunk.IndexOf(' ', i + 1))
        {
            if (best < 0 || Math.Max(i, chunk.Length - i - 1) < Math.Max(best, chunk.Length - best - 1))
                best = i;
        }

        return best < 0 ? chunk : chunk[..best] + "\n" + chunk[(best + 1)..];
    }

    /// <summary>Whether the words of <paramref name="text"/> fill at most two lines of <see cref="LineCharacters"/>.</summary>
    private static bool Fits(string text)
    {
        var lines = 1;
        var length = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > LineCharacters)
                return false;
            var next = length == 0 ? word.Length : length + 1 + word.Length;
            if (next <= LineCharacters)
            {
                length = next;
                continue;
            }

            lines++;
            length = word.Length;
        }

        return lines <= MaxLines;
    }

    /// <summary>Pieces of a sentence too long for a cue, one word at a time (a word over a line is cut).</summary>
    private static IEnumerable<string> ByWords(string text)
    {
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i < word.Length; i += LineCharacters)
                yield return word.Substring(i, Math.Min(LineCharacters, word.Length - i));
        }
    }

    /// <summary>The text cut after each mark followed by a space, marks kept.</summary>
    private static List<string> Segments(string text, char[] marks)
    {
        var segments = new List<string>();
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(marks, text[i]) >= 0 && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                AddTrimmed(segments, text[from..(i + 1)]);
                from = i + 1;
            }
        }

        AddTrimmed(segments, text[from..]);
        return segments;
    }

    private static void AddTrimmed(List<string> segments, string segment)
    {
        var trimmed = segment.Trim();
        if (trimmed.Length > 0)
            segments.Add(trimmed);
    }

    private static TimeSpan Round(TimeSpan time) => TimeSpan.FromMilliseconds(Math.Round(time.TotalMilliseconds));
}
