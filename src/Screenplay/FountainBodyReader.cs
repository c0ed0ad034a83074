using System.Text;

namespace MoviePipeline.Screenplay;

/// <summary>
/// Reads the body of a cleaned screenplay line by line. Each line is classified from its own text,
/// whether the line before and after it is blank, and whether a dialogue block is open, so the
/// whole read is one pass. Consecutive lines of action, dialogue or lyrics merge into one element.
/// </summary>
internal sealed class FountainBodyReader(string[] lines, int start)
{
    private readonly List<FountainElement> _elements = [];
    private readonly StringBuilder _pending = new();
    private FountainElementKind _pendingKind;
    private bool _pendingForced;
    private bool _hasPending;

    // The open dialogue block: its speaker, and whether it came from a "NAME: text" line.
    private string? _speaker;
    private bool _colonBlock;
    private int _lastCue = -1;

    // "NAME: text" reads as a cue and its speech in text written that way; in a screenplay with cues of its own, a line
    // is dialogue only after a cue, so there it must name someone cued elsewhere: "SINGLE SHOTS:  Edward leads his
    // team." stays action.
    private readonly HashSet<string> _cuedNames = StandardCueNames(lines, start);

    public List<FountainElement> Read()
    {
        var previousBlank = true;
        for (var i = start; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            if (line.Length == 0)
            {
                // Two spaces on an otherwise empty line keep a dialogue going (Fountain's blank dialogue line).
                if (_speaker is not null && raw.Length >= 2 && _hasPending && _pendingKind == FountainElementKind.Dialogue
                    && i + 1 < lines.Length && !IsBlank(lines[i + 1]))
                {
                    _pending.Append('\n');
                    continue;
                }

                Flush();
                _speaker = null;
                previousBlank = true;
                continue;
            }

            var nextBlank = i + 1 >= lines.Length || IsBlank(lines[i + 1]);
            if (_speaker is not null)
            {
                if (ReadDialogueLine(line))
                {
                    previousBlank = false;
                    continue;
                }

                // A scene heading in capitals ends a dialogue that lacked its blank line, and a line
                // that is not "NAME: text" ends a block of such lines; either is then read as usual.
                Flush();
                _speaker = null;
                previousBlank = false;
            }

            // A one-line element (heading, transition, section...) stands on its own, so the line after
            // it starts afresh as if a blank line followed it, as it does in well-formed Fountain.
            var before = _elements.Count;
            ReadLine(raw, line, previousBlank, nextBlank, i);
            previousBlank = _elements.Count > before && IsStandalone(_elements[^1].Kind) && !_hasPending;
        }

        Flush();
        return _elements;
    }

    /// <summary>The names of the text's Fountain character cues: uppercase names alone on their line after a blank one, with text under them.</summary>
    private static HashSet<string> StandardCueNames(string[] lines, int start)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = Math.Max(start, 1); i + 1 < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && IsBlank(lines[i - 1]) && !IsBlank(lines[i + 1]) && !FountainLineRules.IsStrongHeading(line)
                && !line.EndsWith("TO:", StringComparison.Ordinal) && line[0] is not ('!' or '.' or '>' or '#' or '=' or '~')
                && !FountainLineRules.IsStrongHeading(lines[i + 1].Trim())
                && FountainLineRules.TryReadCue(line.TrimStart('@'), forced: line[0] == '@', out var name, out _, out _))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsStandalone(FountainElementKind kind) => kind is FountainElementKind.SceneHeading
        or FountainElementKind.Transition or FountainElementKind.CenteredText or FountainElementKind.PageBreak
        or FountainElementKind.Section or FountainElementKind.Synopsis;

    private static bool IsBlank(string line) => line.AsSpan().Trim().Length == 0;

    private bool ReadDialogueLine(string line)
    {
        if (FountainLineRules.IsStrongHeading(line))
        {
            return false;
        }

        if (_colonBlock)
        {
            if (!FountainLineRules.TryReadColonCue(line, out var name, out var extension, out var speech))
            {
                return false;
            }

            Flush();
            AddColonCue(name, extension, speech);
            return true;
        }

        if (line.Length >= 2 && line[0] == '(' && line[^1] == ')')
        {
            Flush();
            Add(new FountainElement(FountainElementKind.Parenthetical, line[1..^1].Trim()) { Speaker = _speaker });
            return true;
        }

        if (line[0] == '~')
        {
            Append(FountainElementKind.Lyrics, line[1..].TrimStart(), forced: false);
            return true;
        }

        Append(FountainElementKind.Dialogue, line, forced: false);
        return true;
    }

    private void ReadLine(string raw, string line, bool previousBlank, bool nextBlank, int index)
    {
        if (FountainLineRules.IsPageBreak(line))
        {
            Flush();
            Add(new FountainElement(FountainElementKind.PageBreak, ""));
            return;
        }

        switch (line[0])
        {
            case '!':
                Append(FountainElementKind.Action, raw[(raw.IndexOf('!') + 1)..], forced: true);
                return;
            case '~':
                Append(FountainElementKind.Lyrics, line[1..].TrimStart(), forced: false);
                return;
        }

        if (previousBlank && ReadForcedAfterBlank(line, nextBlank))
        {
            return;
        }

        var headingStart = FountainLineRules.HeadingStart(line);
        if (headingStart >= 0 && ((previousBlank && nextBlank) || FountainLineRules.IsUppercase(line)))
        {
            AddHeading(line, headingStart, forced: false);
            return;
        }

        if (previousBlank && nextBlank && line.EndsWith("TO:", StringComparison.Ordinal) && FountainLineRules.IsUppercase(line))
        {
            Flush();
            Add(new FountainElement(FountainElementKind.Transition, line));
            return;
        }

        if (previousBlank && !nextBlank && !FountainLineRules.IsStrongHeading(lines[index + 1].Trim())
            && FountainLineRules.TryReadCue(line, forced: false, out var name, out var extension, out var dual))
        {
            AddCue(name, extension, dual, forced: false);
            return;
        }

        if (FountainLineRules.TryReadColonCue(line, out var speaker, out var speakerExtension, out var speech)
            && (_cuedNames.Count == 0 || _cuedNames.Contains(speaker)))
        {
            Flush();
            AddColonCue(speaker, speakerExtension, speech);
            return;
        }

        Append(FountainElementKind.Action, raw, forced: false);
    }

    private bool ReadForcedAfterBlank(string line, bool nextBlank)
    {
        switch (line[0])
        {
            case '@' when !nextBlank:
                if (FountainLineRules.TryReadCue(line[1..], forced: true, out var name, out var extension, out var dual))
                {
                    AddCue(name, extension, dual, forced: true);
                    return true;
                }

                return false;
            case '.' when line.Length > 1 && char.IsLetterOrDigit(line[1]):
                AddHeading(line[1..], 0, forced: true);
                return true;
            case '>':
                Flush();
                if (line.Length >= 2 && line[^1] == '<')
                {
                    Add(new FountainElement(FountainElementKind.CenteredText, line[1..^1].Trim()));
                }
                else
                {
                    Add(new FountainElement(FountainElementKind.Transition, line[1..].Trim()) { IsForced = true });
                }

                return true;
            case '#':
                Flush();
                var depth = 0;
                while (depth < line.Length && line[depth] == '#')
                {
                    depth++;
                }

                Add(new FountainElement(FountainElementKind.Section, line[depth..].Trim()) { SectionDepth = depth });
                return true;
            case '=':
                Flush();
                Add(new FountainElement(FountainElementKind.Synopsis, line[1..].Trim()));
                return true;
            default:
                return false;
        }
    }

    private void AddHeading(string line, int headingStart, bool forced)
    {
        Flush();
        var (heading, number) = FountainLineRules.SplitSceneNumber(line[headingStart..]);
        if (headingStart > 0)
        {
            // "12 INT. HOUSE - DAY 12", as printed in PDFs: the number becomes the scene number.
            var printed = line[..headingStart].Trim().TrimEnd('.');
            number ??= printed;
            if (heading.EndsWith(" " + printed, StringComparison.Ordinal))
            {
                heading = heading[..^(printed.Length + 1)].TrimEnd();
            }
        }

        Add(new FountainElement(FountainElementKind.SceneHeading, heading) { SceneNumber = number, IsForced = forced });
    }

    private void AddCue(string name, string? extension, bool dual, bool forced)
    {
        Flush();
        if (dual && _lastCue >= 0)
        {
            _elements[_lastCue] = _elements[_lastCue] with { IsDualDialogue = true };
        }

        _lastCue = _elements.Count;
        Add(new FountainElement(FountainElementKind.Character, name)
        {
            CharacterExtension = extension,
            IsDualDialogue = dual,
            IsForced = forced,
        });
        _speaker = name;
        _colonBlock = false;
    }

    private void AddColonCue(string name, string? extension, string speech)
    {
        // "OMAR (quietly): ..." carries a parenthetical where a cue would carry (V.O.).
        var parenthetical = extension is not null && extension.Any(char.IsLower) ? extension[1..^1].Trim() : null;
        AddCue(name, parenthetical is null ? extension : null, dual: false, forced: false);
        _colonBlock = true;
        if (parenthetical is not null)
        {
            Add(new FountainElement(FountainElementKind.Parenthetical, parenthetical) { Speaker = _speaker });
        }

        Append(FountainElementKind.Dialogue, speech, forced: false);
    }

    private void Append(FountainElementKind kind, string text, bool forced)
    {
        if (_hasPending && _pendingKind == kind)
        {
            _pending.Append('\n').Append(text);
            _pendingForced |= forced;
            return;
        }

        Flush();
        _pending.Append(text);
        _pendingKind = kind;
        _pendingForced = forced;
        _hasPending = true;
    }

    private void Flush()
    {
        if (!_hasPending)
        {
            return;
        }

        var speaker = _pendingKind == FountainElementKind.Action ? null : _speaker;
        _elements.Add(new FountainElement(_pendingKind, _pending.ToString()) { IsForced = _pendingForced, Speaker = speaker });
        _pending.Clear();
        _hasPending = false;
    }

    private void Add(FountainElement element) => _elements.Add(element);
}
