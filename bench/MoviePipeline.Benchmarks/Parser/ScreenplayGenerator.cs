using System.Text;

namespace MoviePipeline.Benchmarks.Parser;

/// <summary>
/// Writes a Fountain screenplay of a chosen size from a fixed seed, so every run parses the same text.
/// It uses every element the parser knows, in proportions like a real script: mostly action and
/// dialogue, with parentheticals, extensions, dual dialogue, transitions, notes, boneyard,
/// emphasis, sections, synopses, lyrics and page breaks here and there.
/// </summary>
public static class ScreenplayGenerator
{
    private static readonly string[] Cast = ["SARAH", "JOHN", "DR. OKAFOR", "MAYA", "OLD MAN", "NINA VOSS", "R2", "CAPTAIN REYES", "LENA", "OMAR", "THE GUARD", "MILO"];
    private static readonly string[] Places = ["KITCHEN", "ROOFTOP", "HOSPITAL ROOM", "DESERT ROAD", "OBSERVATORY", "HARBOUR", "DINER", "COCKPIT", "ATTIC", "FOREST", "SUBWAY CAR", "POLICE STATION - LOBBY"];
    private static readonly string[] Times = ["DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS", "LATER", "MORNING"];
    private static readonly string[] Extensions = ["(V.O.)", "(O.S.)", "(CONT'D)"];
    private static readonly string[] Parentheticals = ["quietly", "beat", "to herself", "laughing", "without looking up"];
    private static readonly string[] Transitions = ["CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:", "> FADE TO BLACK."];
    private static readonly string[] Words =
    [
        "the", "a", "light", "door", "opens", "slowly", "rain", "falls", "on", "window", "she", "he", "looks", "at", "old",
        "photograph", "wind", "moves", "through", "empty", "street", "someone", "laughs", "far", "away", "glass", "breaks",
        "and", "then", "silence", "hands", "shake", "over", "map", "engine", "coughs", "alive", "they", "run", "toward",
        "river", "dog", "barks", "twice", "clock", "ticks", "smoke", "rises", "from", "tower", "crowd", "gathers", "below",
    ];

    public static string Generate(int targetBytes, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(targetBytes + 4096);
        sb.Append("Title:\n    _**THE BENCHMARK**_\nCredit: Written by\nAuthor: The Generator\nDraft date: 2025\n\n");
        var scene = 0;
        while (sb.Length < targetBytes)
        {
            scene++;
            if (scene % 25 == 1)
            {
                sb.Append("# Sequence ").Append(scene / 25 + 1).Append("\n\n= Things get worse.\n\n");
            }

            var ie = random.Next(10) switch { 0 => "EXT.", 1 => "INT./EXT.", < 6 => "INT.", _ => "EXT." };
            sb.Append(ie).Append(' ').Append(Pick(random, Places)).Append(" - ").Append(Pick(random, Times));
            if (scene % 7 == 0)
            {
                sb.Append(" #").Append(scene).Append('#');
            }

            sb.Append("\n\n");
            for (var beat = random.Next(3, 9); beat > 0; beat--)
            {
                if (random.Next(3) == 0)
                {
                    Action(sb, random);
                }
                else
                {
                    Speech(sb, random);
                }
            }

            switch (random.Next(12))
            {
                case 0:
                    sb.Append(Pick(random, Transitions)).Append("\n\n");
                    break;
                case 1:
                    sb.Append("/* A cut beat.\n\nSARAH\nNever mind. */\n\n");
                    break;
                case 2:
                    sb.Append("===\n\n");
                    break;
                default:
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Action(StringBuilder sb, Random random)
    {
        var words = random.Next(12, 60);
        for (var w = 0; w < words; w++)
        {
            var word = random.Next(14) switch
            {
                0 => Pick(random, Cast),
                1 => "*" + Pick(random, Words) + "*",
                2 => "BANG!",
                _ => Pick(random, Words),
            };
            sb.Append(w == 0 ? Capitalize(word) : word).Append(random.Next(9) == 0 ? ". " : " ");
        }

        sb.Length--; // the space after the last word
        if (random.Next(8) == 0)
        {
            sb.Append("[[check this beat]]");
        }

        sb.Append(".\n\n");
    }

    private static void Speech(StringBuilder sb, Random random)
    {
        sb.Append(Pick(random, Cast));
        if (random.Next(5) == 0)
        {
            sb.Append(' ').Append(Pick(random, Extensions));
        }

        if (random.Next(15) == 0)
        {
            sb.Append(" ^");
        }

        sb.Append('\n');
        if (random.Next(5) == 0)
        {
            sb.Append('(').Append(Pick(random, Parentheticals)).Append(")\n");
        }

        var lines = random.Next(1, 4);
        for (var l = 0; l < lines; l++)
        {
            if (random.Next(40) == 0)
            {
                sb.Append('~');
            }

            var words = random.Next(3, 14);
            for (var w = 0; w < words; w++)
            {
                var word = Pick(random, Words);
                sb.Append(w == 0 ? Capitalize(word) : word).Append(w == words - 1 ? (random.Next(4) == 0 ? "!" : ".") : " ");
            }

            sb.Append('\n');
        }

        sb.Append('\n');
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Capitalize(string word) => word.Length > 0 && char.IsLower(word[0]) ? char.ToUpperInvariant(word[0]) + word[1..] : word;
}
