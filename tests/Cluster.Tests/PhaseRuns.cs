using System.Text.RegularExpressions;
using MoviePipeline.TestSupport.Cluster;

namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// The three phases as stored (state name) and as logged (phase name), and how many of a project's
/// runs of a phase completed, counted from the silos' "run ... ended, succeeded=True" lines.
/// </summary>
internal static partial class PhaseRuns
{
    public static readonly (string State, string Phase)[] Phases =
        [("trailer", "ScriptToTrailer"), ("storyboard", "TrailerToStoryboard"), ("movie", "StoryboardToMovie")];

    public static IReadOnlyDictionary<(long Project, string Phase), int> CompletedRuns(LocalCluster cluster) =>
        cluster.SiloLogLines()
            .Select(line => CompletedRunLine().Match(line))
            .Where(m => m.Success)
            .GroupBy(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value))
            .ToDictionary(g => g.Key, g => g.Count());

    [GeneratedRegex(@"Project (\d+): phase (\w+) run \S+ ended, succeeded=True")]
    private static partial Regex CompletedRunLine();
}
