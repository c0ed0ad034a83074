using System.Text;

namespace MoviePipeline.Screenplay;

/// <summary>
/// Prepares pasted text for the line parser: drops a leading BOM, turns CRLF and CR into LF and tabs
/// into four spaces, then removes boneyard (<c>/* */</c>) and notes (<c>[[ ]]</c>), keeping the notes' text.
/// Everything is a single forward pass with cached look-ahead, so unclosed or deeply nested markers
/// cost linear time: an opener without its closer is kept as ordinary text.
/// </summary>
internal static class FountainCleaner
{
    public static string Clean(string text, List<string> notes) => RemoveBoneyardAndNotes(Normalize(text), notes);

    private static string Normalize(string text)
    {
        var start = 0;
        while (start < text.Length && text[start] == '\uFEFF')
        {
            start++;
        }

        if (text.AsSpan(start).IndexOfAny('\r', '\t') < 0)
        {
            return start == 0 ? text : text[start..];
        }

        var sb = new StringBuilder(text.Length - start);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    sb.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\t':
                    sb.Append("    ");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string RemoveBoneyardAndNotes(string text, List<string> notes)
    {
        // Cheap exit for the common case of a script without either marker.
        if (!text.Contains("/*", StringComparison.Ordinal) && !text.Contains("[[", StringComparison.Ordinal))
        {
            return text;
        }

        var boneyardClose = new NextOccurrence(text, "*/");
        var noteClose = new NextOccurrence(text, "]]");
        var emptyLine = new NextOccurrence(text, "\n\n");

        var sb = new StringBuilder(text.Length);
        var lineStart = 0;          // where the current output line starts in sb
        var lineHasText = false;    // the current output line has a non-space character
        var lineTouched = false;    // something was removed from the current output line

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = boneyardClose.From(i + 2);
                if (close >= 0)
                {
                    i = close + 2;
                    lineTouched = true;
                    continue;
                }
            }
            else if (c == '[' && i + 1 < text.Length && text[i + 1] == '[')
            {
                // A note may run over several lines but not over an empty one.
                var close = noteClose.From(i + 2);
                var empty = emptyLine.From(i + 2);
                if (close >= 0 && (empty < 0 || close < empty))
                {
                    var note = text.AsSpan(i + 2, close - i - 2).Trim();
                    if (note.Length > 0)
                    {
                        notes.Add(note.ToString());
                    }

                    i = close + 2;
                    lineTouched = true;
                    continue;
                }
            }

            if (c == '\n')
            {
                // A line that held only removed material disappears, so that a note or boneyard
                // on its own line does not split the paragraph around it.
                if (lineTouched && !lineHasText)
                {
                    sb.Length = lineStart;
                }
                else
                {
                    sb.Append('\n');
                }

                lineStart = sb.Length;
                lineHasText = false;
                lineTouched = false;
                i++;
                continue;
            }

            sb.Append(c);
            if (!char.IsWhiteSpace(c))
            {
                lineHasText = true;
            }

            i++;
        }

        if (lineTouched && !lineHasText)
        {
            sb.Length = lineStart;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The first occurrence of a marker at or after a position that only moves forward.
    /// Remembering the last answer keeps repeated look-ups linear: an answer still ahead of the
    /// new position is still the first one, and "none" stays "none".
    /// </summary>
    private struct NextOccurrence(string text, string marker)
    {
        private int _found = int.MinValue;

        public int From(int position)
        {
            if (_found == int.MinValue || (_found >= 0 && _found < position))
            {
                _found = position > text.Length ? -1 : text.IndexOf(marker, position, StringComparison.Ordinal);
            }

            return _found;
        }
    }
}
