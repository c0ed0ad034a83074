namespace MoviePipeline.Benchmarks.Service;

/// <summary>Where the built silo and gateway are: beside this program's sources, in the same configuration.</summary>
public static class RepositoryLayout
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The folder holding MoviePipeline.sln, found upwards from this program's binary.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MoviePipeline.sln"))) return dir.FullName;
            }

            throw new InvalidOperationException(
                $"MoviePipeline.sln was not found above {AppContext.BaseDirectory}; run the benchmarks from the repository's build output.");
        }
    }

    public static string SiloDll => Binary("Silo", "MoviePipeline.Silo.dll");

    public static string GatewayDll => Binary("Gateway", "MoviePipeline.Gateway.dll");

    private static string Binary(string project, string file)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{path} does not exist. Build the solution first: dotnet build MoviePipeline.sln -c {Configuration}");
    }
}
