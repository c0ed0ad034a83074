using System.Globalization;
using System.Text;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>Screenplays for the local-media runs.</summary>
public static class LocalScripts
{
    public const string ThreeScenes = """
        Title: The Lighthouse Letter

        INT. KITCHEN - NIGHT

        SARAH reads a letter by candlelight. The wind howls.

        SARAH
        (whispering)
        He wrote after all.

        EXT. HARBOUR - DAWN

        HARRIS waits by the boats, collar up against the rain.

        HARRIS
        She never comes.

        INT. LIGHTHOUSE - DAY

        Sarah climbs the stairs. Harris turns at the window.

        SARAH
        I came.

        HARRIS
        Just in time!
        """;

    public const string OneScene = """
        INT. ATTIC - NIGHT

        MILO finds an old radio and turns the dial.

        MILO
        Is anyone out there?
        """;

    /// <summary>A script of <paramref name="count"/> short scenes, each with one line of dialogue.</summary>
    public static string Scenes(int count)
    {
        var places = new[] { "INT. KITCHEN", "EXT. HARBOUR", "INT. LIGHTHOUSE", "EXT. CLIFF ROAD", "INT. TRAIN", "EXT. MARKET" };
        var times = new[] { "DAY", "NIGHT", "DAWN", "DUSK" };
        var people = new[] { "SARAH", "HARRIS", "MILO", "ADA" };
        var script = new StringBuilder("Title: Forty Small Scenes\n\n");
        for (var i = 1; i <= count; i++)
        {
            var who = people[i % people.Length];
            script.Append(CultureInfo.InvariantCulture, $"{places[i % places.Length]} - {times[i % times.Length]}\n\n");
            script.Append(CultureInfo.InvariantCulture, $"{who} checks clue number {i}.\n\n");
            script.Append(CultureInfo.InvariantCulture, $"{who}\nClue {i}.\n\n");
        }
        return script.ToString();
    }
}
