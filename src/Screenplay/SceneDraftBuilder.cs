using System.Text;

namespace MoviePipeline.Screenplay;

/// <summary>
/// Cuts a parsed screenplay into scenes: one per scene heading, or, for text without headings,
/// groups of paragraphs (see <see cref="BuildFromProse"/>).
/// </summary>
internal static class SceneDraftBuilder
{
    /// <summary>A scene without headings closes at a paragraph end once it holds this many words, or more for long texts.</summary>
    public const int MinimumProseSceneWords = 40;

    /// <summary>Long texts without headings are cut into about this many scenes.</summary>
    public const int ProseSceneCount = 60;

    /// <summary>Text before the first heading becomes a scene only with dialogue or at least this many words of action.</summary>
    public const int MinimumOpeningWords = 20;

    /// <summary>The longest first line of a prose text that is read as the story's title.</summary>
    public const int MaxStoryTitleWords = 8;

    // Page furniture from scripts copied out of PDFs, and framing lines: not part of any scene's action.
    private static readonly HashSet<string> Boilerplate = new(StringComparer.Ordinal)
    {
        "FADE IN:", "FADE IN", "FADE OUT.", "FADE OUT", "FADE TO BLACK.", "FADE TO BLACK", "CUT TO BLACK.",
        "THE END", "THE END.", "END", "CONTINUED:", "(CONTINUED)", "CONTINUED", "(MORE)", "MORE", "CONT'D", "(CONT'D)",
    };

    public static List<SceneDraft> Build(IReadOnlyList<FountainElement> elements, CastList cast)
    {
        var firstHeading = -1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].Kind == FountainElementKind.SceneHeading)
            {
                firstHeading = i;
                break;
            }
        }

        if (firstHeading < 0)
        {
            return BuildFromProse(elements, 0, elements.Count, cast, singleScene: false);
        }

        var drafts = new List<SceneDraft>();
        foreach (var opening in BuildFromProse(elements, 0, firstHeading, cast, singleScene: true))
        {
            var words = opening.ActionParagraphs.Sum(PlainText.CountWords);
            if (opening.Beats.Any(b => b.Action is null) || words >= MinimumOpeningWords)
            {
                drafts.Add(opening);
            }
        }

        BuildFromHeadings(elements, firstHeading, cast, drafts);
        return drafts;
    }

    private static void BuildFromHeadings(IReadOnlyList<FountainElement> elements, int start, CastList cast, List<SceneDraft> drafts)
    {
        var previousTime = "";
        SceneDraft? draft = null;
        var i = start;
        while (i < elements.Count)
        {
            var element = elements[i];
            switch (element.Kind)
            {
                case FountainElementKind.SceneHeading:
                    var location = SceneLocation.FromHeading(element.Text, previousTime);
                    previousTime = location.TimeOfDay;
                    draft = new SceneDraft(FountainText.ToPlain(element.Text), location);
                    drafts.Add(draft);
                    i++;
                    continue;
                case FountainElementKind.Character:
                    draft!.Beats.Add(ReadSpeech(elements, ref i, cast, draft));
                    continue;
                case FountainElementKind.Action:
                case FountainElementKind.Lyrics:
                case FountainElementKind.Dialogue:
                case FountainElementKind.Parenthetical:
                    // Dialogue and parentheticals are read with their cue; one on its own is told as action.
                    var paragraph = ActionParagraph(element.Text);
                    if (paragraph.Length > 0)
                    {
                        draft!.Beats.Add(SceneBeat.OfAction(paragraph));
                    }

                    break;
                case FountainElementKind.Synopsis:
                    AddSynopsis(draft!, element.Text);
                    break;
                case FountainElementKind.CenteredText:
                    var centered = FountainText.ToPlain(element.Text);
                    if (centered.Length > 0 && !IsBoilerplate(centered))
                    {
                        draft!.CenteredLines.Add(centered);
                    }

                    break;
                default:
                    break;
            }

            i++;
        }
    }

    /// <summary>
    /// Scenes from text without headings: the words are grouped in story order, and a scene closes at
    /// the end of a paragraph, of a speech, or of a line ending a sentence, once it holds at least
    /// max(<see cref="MinimumProseSceneWords"/>, total words / <see cref="ProseSceneCount"/>) words. A section
    /// (<c>#</c>) or a transition always starts a new scene; a section's title becomes the scene's title.
    /// </summary>
    public static List<SceneDraft> BuildFromProse(IReadOnlyList<FountainElement> elements, int from, int to, CastList cast, bool singleScene)
    {
        var drafts = new List<SceneDraft>();
        var threshold = singleScene ? int.MaxValue : Math.Max(MinimumProseSceneWords, TotalWords(elements, from, to) / ProseSceneCount);
        SceneDraft? draft = null;
        string? pendingTitle = null;
        var words = 0;
        var paragraph = new StringBuilder();

        void CloseParagraph()
        {
            if (paragraph.Length > 0)
            {
                draft!.Beats.Add(SceneBeat.OfAction(paragraph.ToString()));
                paragraph.Clear();
            }
        }

        void CloseScene()
        {
            if (draft is not null)
            {
                CloseParagraph();
                if (!draft.IsEmpty)
                {
                    drafts.Add(draft);
                }
            }

            draft = null;
            words = 0;
        }

        SceneDraft Current()
        {
            if (draft is null)
            {
                draft = new SceneDraft(pendingTitle, null);
                pendingTitle = null;
            }

            return draft;
        }

        var i = from;
        if (!singleScene && IsStoryTitle(elements, from, to))
        {
            pendingTitle = FountainText.ToPlain(elements[from].Text);
            i++;
        }

        while (i < to)
        {
            var element = elements[i];
            switch (element.Kind)
            {
                case FountainElementKind.Character:
                    Current();
                    CloseParagraph();
                    var speech = ReadSpeech(elements, ref i, cast, draft, to);
                    draft!.Beats.Add(speech);
                    words += speech.Lines.Sum(l => PlainText.CountWords(l.Text));
                    if (words >= threshold)
                    {
                        CloseScene();
                    }

                    continue;
                case FountainElementKind.Action:
                case FountainElementKind.Lyrics:
                case FountainElementKind.Dialogue:
                case FountainElementKind.Parenthetical:
                    var lines = element.Text.Split('\n');
                    for (var l = 0; l < lines.Length; l++)
                    {
                        var line = FountainText.ToPlain(lines[l]);
                        if (line.Length == 0 || IsBoilerplate(line))
                        {
                            continue;
                        }

                        Current();
                        paragraph.Append(paragraph.Length > 0 ? " " : "").Append(line);
                        words += PlainText.CountWords(line);
                        if (words >= threshold && (l == lines.Length - 1 || EndsSentence(line)))
                        {
                            CloseScene();
                        }
                    }

                    if (draft is not null)
                    {
                        CloseParagraph();
                    }

                    break;
                case FountainElementKind.Section:
                    CloseScene();
                    var title = FountainText.ToPlain(element.Text);
                    pendingTitle = title.Length > 0 ? title : pendingTitle;
                    break;
                case FountainElementKind.Transition:
                    CloseScene();
                    break;
                case FountainElementKind.Synopsis:
                    AddSynopsis(Current(), element.Text);
                    break;
                default:
                    break;
            }

            i++;
        }

        CloseScene();
        return drafts;
    }

    /// <summary>
    /// A story pasted as prose often starts with its title on a line of its own ("The Lantern Keeper"):
    /// a first paragraph of one short line (at most <see cref="MaxStoryTitleWords"/> words, no sentence
    /// punctuation at its end) followed by more text titles the first scene instead of being its action.
    /// </summary>
    private static bool IsStoryTitle(IReadOnlyList<FountainElement> elements, int from, int to)
    {
        if (to - from < 2 || elements[from].Kind != FountainElementKind.Action || elements[from].Text.Contains('\n'))
        {
            return false;
        }

        var line = FountainText.ToPlain(elements[from].Text);
        var words = PlainText.CountWords(line);
        return words is > 0 and <= MaxStoryTitleWords && !EndsSentence(line) && !line.EndsWith(':') && !IsBoilerplate(line);
    }

    /// <summary>
    /// A cue and the parentheticals, dialogue and lyrics that follow it, as one speech. Advances <paramref name="i"/>
    /// past them. A joint cue speaks as each of its names ("BOTH" as the last two speakers of <paramref name="draft"/>);
    /// the extension and the name say where the voice comes from (<see cref="CueReader"/>).
    /// </summary>
    private static SceneBeat ReadSpeech(IReadOnlyList<FountainElement> elements, ref int i, CastList cast, SceneDraft? draft, int to = int.MaxValue)
    {
        var cue = elements[i];
        var display = FountainText.ToPlain(cue.Text);
        var speakers = Speakers(display, cast, draft);
        var source = CueReader.SourceOf(display, cue.CharacterExtension);
        var name = speakers.Count == 1 ? cast.Names[speakers[0]] : display;
        IReadOnlyList<string>? names = speakers.Count > 1 ? [.. speakers.Select(s => cast.Names[s])] : null;
        var lines = new List<DialogueLine>();
        string? parenthetical = null;
        i++;
        while (i < elements.Count && i < to && elements[i].Speaker is not null
               && elements[i].Kind is FountainElementKind.Parenthetical or FountainElementKind.Dialogue or FountainElementKind.Lyrics)
        {
            var element = elements[i];
            var text = FountainText.ToPlain(element.Text);
            if (element.Kind == FountainElementKind.Parenthetical)
            {
                if (text.Length > 0 && !IsBoilerplate("(" + text.ToUpperInvariant() + ")"))
                {
                    parenthetical = parenthetical is null ? text : parenthetical + "; " + text;
                }
            }
            else if (text.Length > 0 && speakers.Count > 0)
            {
                lines.Add(new DialogueLine(name, parenthetical, text, names, source));
                parenthetical = null;
            }

            i++;
        }

        return SceneBeat.OfSpeech(speakers, source, lines);
    }

    private static List<int> Speakers(string display, CastList cast, SceneDraft? draft)
    {
        if (CueReader.IsTogether(display) && draft is not null)
        {
            // "BOTH": the last two who spoke in the scene.
            var recent = new List<int>();
            for (var b = draft.Beats.Count - 1; b >= 0 && recent.Count < 2; b--)
            {
                foreach (var speaker in draft.Beats[b].Speakers)
                {
                    if (!recent.Contains(speaker) && recent.Count < 2)
                    {
                        recent.Add(speaker);
                    }
                }
            }

            if (recent.Count == 2)
            {
                recent.Reverse();
                return recent;
            }
        }

        var speakers = new List<int>();
        foreach (var part in CueReader.Split(display))
        {
            var index = cast.Add(part);
            if (index >= 0 && !speakers.Contains(index))
            {
                speakers.Add(index);
            }
        }

        return speakers;
    }

    private static string ActionParagraph(string text)
    {
        if (!text.Contains('\n'))
        {
            var plain = FountainText.ToPlain(text);
            return IsBoilerplate(plain) ? "" : plain;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.Split('\n'))
        {
            var line = FountainText.ToPlain(raw);
            if (line.Length > 0 && !IsBoilerplate(line))
            {
                sb.Append(sb.Length > 0 ? " " : "").Append(line);
            }
        }

        return sb.ToString();
    }

    private static void AddSynopsis(SceneDraft draft, string text)
    {
        var plain = FountainText.ToPlain(text);
        if (plain.Length > 0)
        {
            draft.Synopses.Add(plain);
        }
    }

    private static int TotalWords(IReadOnlyList<FountainElement> elements, int from, int to)
    {
        var total = 0;
        for (var i = from; i < to; i++)
        {
            if (elements[i].Kind is FountainElementKind.Action or FountainElementKind.Dialogue or FountainElementKind.Lyrics)
            {
                total += PlainText.CountWords(elements[i].Text);
            }
        }

        return total;
    }

    /// <summary>Page numbers ("12.") and framing lines (FADE IN:, CONTINUED:, THE END) carry no story.</summary>
    private static bool IsBoilerplate(string line)
    {
        if (line.Length > 16)
        {
            return false;
        }

        if (Boilerplate.Contains(line.ToUpperInvariant()))
        {
            return true;
        }

        var digits = line.TrimEnd('.');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    private static bool EndsSentence(string line)
    {
        var trimmed = line.TrimEnd('"', '\'', ')', '”', '’');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '…';
    }
}
