using System.Text;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>A twelve-scene screenplay to edit: each scene stands alone (its own place, action and lines), so moving one moves nothing else.</summary>
public static class RerunScripts
{
    public sealed record Scene(string Heading, string Action, params (string Who, string Line)[] Lines);

    public static readonly IReadOnlyList<Scene> Twelve =
    [
        new("INT. LIGHTHOUSE KITCHEN - NIGHT", "SARAH (30s), a lighthouse keeper in a yellow raincoat, reads a letter by candlelight.", ("SARAH", "He wrote after all.")),
        new("EXT. HARBOUR - DAWN", "HARRIS (50s), a fisherman with a grey beard, waits by the boats.", ("HARRIS", "She never comes.")),
        new("INT. POST OFFICE - DAY", "MILO (12), a boy with a heavy satchel, sorts the morning mail.", ("MILO", "One for the lighthouse.")),
        new("EXT. CLIFF ROAD - DAY", "Sarah walks along the cliff road into the wind.", ("SARAH", "Nearly there.")),
        new("INT. TAVERN - NIGHT", "Harris drinks alone at the long bar.", ("HARRIS", "Another one."), ("HARRIS", "Make it a double.")),
        new("EXT. BEACH - DUSK", "Milo throws flat stones into the grey sea.", ("MILO", "Seven skips!")),
        new("INT. LIGHTHOUSE STAIRS - NIGHT", "Sarah climbs the spiral stairs with a lamp.", ("SARAH", "Who is there?")),
        new("EXT. FISH MARKET - DAY", "Harris and Milo haggle over a basket of fish.", ("HARRIS", "Two coins."), ("MILO", "One!")),
        new("INT. COASTAL TRAIN - DAY", "Sarah reads the letter again as the train rattles on.", ("SARAH", "Almost home.")),
        new("EXT. STATION PLATFORM - NIGHT", "Sarah waits alone on the empty platform.", ("SARAH", "Late again.")),
        new("INT. LAMP ROOM - NIGHT", "Harris turns at the window as Sarah comes in.", ("HARRIS", "You came."), ("SARAH", "I came.")),
        new("EXT. LIGHTHOUSE GALLERY - DAWN", "Milo watches the lamp go dark as the sun rises.", ("MILO", "It's over.")),
    ];

    /// <summary>A scene to insert, with nobody in it: a character met here first would be described by it, and so drawn anew everywhere.</summary>
    public static readonly Scene Bakery = new("INT. BAKERY - DAY", "Fresh loaves come out of the old stone oven.");

    public static string Write(IEnumerable<Scene> scenes)
    {
        var script = new StringBuilder("Title: The Keeper's Letter\n\n");
        foreach (var scene in scenes)
        {
            script.Append(scene.Heading).Append("\n\n").Append(scene.Action).Append("\n\n");
            foreach (var (who, line) in scene.Lines)
                script.Append(who).Append('\n').Append(line).Append("\n\n");
        }
        return script.ToString();
    }
}
