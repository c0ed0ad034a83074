using System.Text;

namespace MoviePipeline.Benchmarks.Media;

/// <summary>A small fixed Fountain script for the media benchmark: each scene has two speakers taking turns.</summary>
public static class MediaScript
{
    private static readonly string[] Places = ["INT. KITCHEN - NIGHT", "EXT. ROOFTOP - DAWN", "INT. DINER - DAY", "EXT. HARBOUR - DUSK", "INT. ATTIC - NIGHT", "EXT. DESERT ROAD - DAY"];
    private static readonly string[] Cast = ["SARAH", "JOHN", "MAYA", "OMAR"];

    private static readonly string[] Lines =
    [
        "We have to leave before the rain starts.",
        "You said that yesterday, and we are still here.",
        "This time I mean it. Pack the map and the lamp.",
        "Fine. But if the engine dies again, you are pushing.",
    ];

    public static string Generate(int scenes, int linesPerScene)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scenes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerScene, 1);
        var text = new StringBuilder("Title: The Benchmark Road\nAuthor: MoviePipeline\n\n");
        for (var i = 0; i < scenes; i++)
        {
            var first = Cast[i % Cast.Length];
            var second = Cast[(i + 1) % Cast.Length];
            text.Append(Places[i % Places.Length]).Append("\n\n");
            text.Append(first).Append(" waits by the window while ").Append(second).Append(" checks an old photograph.\n\n");
            for (var line = 0; line < linesPerScene; line++)
                text.Append(line % 2 == 0 ? first : second).Append('\n').Append(Lines[line % Lines.Length]).Append("\n\n");
        }

        return text.ToString();
    }
}
