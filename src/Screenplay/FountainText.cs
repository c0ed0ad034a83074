using System.Text;

namespace MoviePipeline.Screenplay;

/// <summary>Turns Fountain element text into plain text.</summary>
public static class FountainText
{
    /// <summary>
    /// Removes emphasis markers that pair up within one line (<c>*italic*</c>, <c>**bold**</c>,
    /// <c>***bold italic***</c>, <c>_underline_</c>) and the backslash of escaped markers (<c>\*</c>, <c>\_</c>).
    /// A marker opens before a non-space and closes after one; an underscore inside a word is not a marker.
    /// Unpaired markers stay as written. Linear time.
    /// </summary>
    public static string StripEmphasis(string text)
    {
        if (text.AsSpan().IndexOfAny('*', '_', '\\') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0)
            {
                end = text.Length;
            }

            StripLine(text, lineStart, end, sb);
            if (end < text.Length)
            {
                sb.Append('\n');
            }

            lineStart = end + 1;
        }

        return sb.ToString();
    }

    /// <summary>Emphasis removed, every run of whitespace (line breaks included) made one space, trimmed.</summary>
    public static string ToPlain(string text) => CollapseWhitespace(StripEmphasis(text));

    /// <summary>Every run of whitespace made one space, trimmed.</summary>
    public static string CollapseWhitespace(string text)
    {
        if (IsCollapsed(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Already trimmed with single spaces only: the common case, answered without copying.</summary>
    private static bool IsCollapsed(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                return false;
            }
            else
            {
                previousSpace = false;
            }
        }

        return true;
    }

    private static void StripLine(string text, int start, int end, StringBuilder sb)
    {
        // Find the delimiter runs, pair them with one stack per delimiter, then copy the line
        // skipping paired runs and escape backslashes.
        List<Run>? runs = null;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < end && (text[i + 1] == '*' || text[i + 1] == '_'))
            {
                (runs ??= []).Add(new Run(i, 1, '\\'));
                i++;
                continue;
            }

            if (c != '*' && c != '_')
            {
                continue;
            }

            var length = 1;
            while (i + length < end && text[i + length] == c)
            {
                length++;
            }

            (runs ??= []).Add(new Run(i, length, c));
            i += length - 1;
        }

        if (runs is null)
        {
            sb.Append(text, start, end - start);
            return;
        }

        var paired = new bool[runs.Count];
        var openStars = new Stack<int>();
        var openUnderscores = new Stack<int>();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            if (run.Marker == '\\')
            {
                continue;
            }

            var before = run.Start > start ? text[run.Start - 1] : ' ';
            var afterIndex = run.Start + run.Length;
            var after = afterIndex < end ? text[afterIndex] : ' ';
            var canOpen = !char.IsWhiteSpace(after);
            var canClose = !char.IsWhiteSpace(before);
            var stack = openStars;
            if (run.Marker == '_')
            {
                // Intra-word underscores (snake_case) are not emphasis.
                canOpen &= !char.IsLetterOrDigit(before);
                canClose &= !char.IsLetterOrDigit(after);
                stack = openUnderscores;
            }

            if (canClose && stack.Count > 0)
            {
                paired[stack.Pop()] = true;
                paired[r] = true;
            }
            else if (canOpen)
            {
                stack.Push(r);
            }
        }

        var position = start;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            if (run.Marker == '\\')
            {
                sb.Append(text, position, run.Start - position);
                position = run.Start + 1; // keep the escaped marker, drop the backslash
            }
            else if (paired[r])
            {
                sb.Append(text, position, run.Start - position);
                position = run.Start + run.Length;
            }
        }

        sb.Append(text, position, end - position);
    }

    private readonly record struct Run(int Start, int Length, char Marker);
}
