using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Web;

/// <summary>
/// The web fixture with real media work (frames, speech, clips, a movie; small and fast, see
/// <see cref="LocalMediaSettings"/>), for the browser test that plays the movie it made.
/// </summary>
public sealed class LocalMediaWebFixture : WebFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mp-web-media-" + Guid.NewGuid().ToString("N"));

    private string ArtifactRoot => Path.Combine(_folder, "artifacts");

    public override async Task InitializeAsync()
    {
        RequiredMediaTools.EnsureInstalled();
        Directory.CreateDirectory(ArtifactRoot);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
    }

    protected override void ConfigureSilos(TestClusterBuilder builder)
    {
        builder.Properties["Media:ArtifactRoot"] = ArtifactRoot;
        builder.AddSiloBuilderConfigurator<LocalMediaSiloConfigurator>();
    }

    protected override void ConfigureGateways(Dictionary<string, string> settings) => settings["Media:ArtifactRoot"] = ArtifactRoot;
}

/// <summary>CPU-heavy like the local-media collection: runs alone, so it never slows the timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalMediaWebCollection : ICollectionFixture<LocalMediaWebFixture>
{
    public const string Name = "local-media-web";
}
