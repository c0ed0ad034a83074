namespace MoviePipeline.Benchmarks;

/// <summary>Reads <c>&lt;command&gt; [--smoke] [--out FILE]</c>; anything else is an error a person can act on.</summary>
public static class BenchmarkCommandLine
{
    public static bool TryParse(IReadOnlyList<string> args, out BenchmarkOptions? options, out string? error)
    {
        options = null;
        error = null;
        string? command = null;
        string? output = null;
        var smoke = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--out":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--out needs a file name, e.g. --out bench-report.md.";
                        return false;
                    }

                    output = args[++i];
                    break;
                case var flag when flag.StartsWith('-'):
                    error = $"Unknown option '{flag}'.";
                    return false;
                case var word when command is null:
                    command = word;
                    break;
                case var extra:
                    error = $"Only one benchmark can run at a time; '{extra}' is one too many.";
                    return false;
            }
        }

        if (command is null)
        {
            error = "Name the benchmark to run.";
            return false;
        }

        options = new BenchmarkOptions(command, smoke, output);
        return true;
    }
}
