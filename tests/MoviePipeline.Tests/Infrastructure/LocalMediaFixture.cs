using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;
using Orleans.TestingHost;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// A cluster with local media and the gateway, sharing an artifact root in a fresh temporary folder that is deleted
/// afterwards. <see cref="Store"/> and <see cref="Probe"/> let tests look at (and damage) what the silo wrote.
/// </summary>
public sealed class LocalMediaFixture : GatewayFixture
{
    private ServiceProvider? _media;

    /// <summary>The temporary folder; the artifact root is its "artifacts" subfolder, so files beside it are outside the store.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mp-local-media-" + Guid.NewGuid().ToString("N"));

    public string ArtifactRoot => Path.Combine(Folder, "artifacts");

    public IArtifactStore Store => Media.GetRequiredService<IArtifactStore>();

    public MediaProbe Probe => Media.GetRequiredService<MediaProbe>();

    /// <summary>Counts the external tool runs (ffmpeg, ffprobe, espeak-ng) of every silo from now until disposed.</summary>
    public ToolRunCounter CountSiloToolRuns() =>
        new([.. Cluster.Silos.OfType<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<ExternalToolRunner>())]);

    private ServiceProvider Media => _media ?? throw new InvalidOperationException("The fixture is not started.");

    public override async Task InitializeAsync()
    {
        RequiredMediaTools.EnsureInstalled();
        Directory.CreateDirectory(ArtifactRoot);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalMediaSettings.For(ArtifactRoot)).Build();
        _media = new ServiceCollection().AddMoviePipelineMedia(configuration.GetSection(MediaOptions.SectionName)).BuildServiceProvider();
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
            if (_media is not null) await _media.DisposeAsync();
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
    }

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        builder.Properties["Media:ArtifactRoot"] = ArtifactRoot;
        builder.AddSiloBuilderConfigurator<LocalMediaSiloConfigurator>();
    }

    protected override void ConfigureGateway(IWebHostBuilder web) => web.UseSetting("Media:ArtifactRoot", ArtifactRoot);
}

/// <summary>CPU-heavy (ffmpeg on every core): runs alone, after the other collections, so it never slows their timing-sensitive tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalMediaCollection : ICollectionFixture<LocalMediaFixture>
{
    public const string Name = "local-media";
}

/// <summary>How many times each external tool ran on the silos while it was listening.</summary>
public sealed class ToolRunCounter : IDisposable
{
    private readonly IReadOnlyList<ExternalToolRunner> _runners;
    private readonly Dictionary<string, int> _runs = [];

    public ToolRunCounter(IReadOnlyList<ExternalToolRunner> runners)
    {
        _runners = runners;
        foreach (var runner in _runners) runner.Finished += Count;
    }

    /// <summary>Runs of the tool named <paramref name="tool"/> ("ffmpeg", "ffprobe", "espeak-ng").</summary>
    public int this[string tool]
    {
        get
        {
            lock (_runs) return _runs.GetValueOrDefault(tool);
        }
    }

    public int Total
    {
        get
        {
            lock (_runs) return _runs.Values.Sum();
        }
    }

    public void Dispose()
    {
        foreach (var runner in _runners) runner.Finished -= Count;
    }

    public override string ToString()
    {
        lock (_runs) return string.Join(", ", _runs.Select(r => $"{r.Key} {r.Value}"));
    }

    private void Count(ExternalToolCommand command, ExternalToolResult result)
    {
        lock (_runs) _runs[command.ToolName] = _runs.GetValueOrDefault(command.ToolName) + 1;
    }
}
