namespace MoviePipeline.Screenplay;

/// <summary>
/// A first, simple analyzer: a scene starts at each line that begins with INT. or EXT.;
/// a script without headings is one scene. Replaced by the Fountain parser.
/// </summary>
public sealed class HeadingSceneSplitter : IScriptAnalyzer
{
    public ScriptAnalysis Analyze(string script)
    {
        var scenes = new List<AnalyzedScene>();
        string? heading = null;
        var body = new List<string>();
        void Flush()
        {
            if (heading is null && body.All(string.IsNullOrWhiteSpace)) return;
            var title = heading ?? "SCENE";
            var description = string.Join(' ', body.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()));
            scenes.Add(new AnalyzedScene(scenes.Count + 1, title, description, title, [], [], 5));
        }

        foreach (var raw in script.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var upper = line.TrimStart().ToUpperInvariant();
            if (upper.StartsWith("INT.", StringComparison.Ordinal) || upper.StartsWith("EXT.", StringComparison.Ordinal))
            {
                Flush();
                heading = line.Trim();
                body.Clear();
            }
            else
            {
                body.Add(line);
            }
        }
        Flush();

        var settings = scenes.Select(s => s.Setting).Distinct()
            .Select(n => new AnalyzedSetting(n, n, "", "", "", "")).ToList();
        return new ScriptAnalysis("", scenes, [], settings, [.. scenes.Take(3).Select(s => s.Number)]);
    }
}
