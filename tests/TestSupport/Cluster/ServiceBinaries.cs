using System.Reflection;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>
/// Where the built silo and gateway are: <c>src/Silo/bin/&lt;Configuration&gt;/net10.0</c> and the
/// gateway's likewise, for the configuration this assembly was built in (scripts/test.sh builds
/// the solution in Release first; a project that uses these references both, so building it builds them).
/// </summary>
public static class ServiceBinaries
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string Configuration { get; } =
        typeof(ServiceBinaries).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string Silo => Path.Combine(Root.Value, "src", "Silo", "bin", Configuration, "net10.0", "MoviePipeline.Silo.dll");

    public static string Gateway => Path.Combine(Root.Value, "src", "Gateway", "bin", Configuration, "net10.0", "MoviePipeline.Gateway.dll");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MoviePipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"MoviePipeline.sln was not found above {AppContext.BaseDirectory}; the silo and gateway binaries are found relative to it.");
    }
}
