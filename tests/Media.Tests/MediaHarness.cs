using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Screenplay;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Media.Tests;

/// <summary>
/// The media services as the silo gets them (through AddMoviePipelineMedia), over a private temporary artifact root,
/// with small, fast video settings so that the suite stays quick on two cores.
/// </summary>
internal sealed class MediaHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public MediaHarness(Action<MediaOptions>? configure = null)
    {
        RequiredMediaTools.EnsureInstalled();
        Root = Path.Combine(Path.GetTempPath(), "mp-media-tests", Guid.NewGuid().ToString("N"));
        _services = new ServiceCollection()
            .AddMoviePipelineMedia(o =>
            {
                o.ArtifactRoot = Root;
                o.VideoWidth = 320;
                o.VideoHeight = 180;
                o.FramesPerSecond = 10;
                o.VideoPreset = "ultrafast";
                o.MinimumSceneSeconds = 1;
                o.SpeechLeadInSeconds = 0.2;
                o.SpeechTailSeconds = 0.3;
                o.PngCompressionLevel = 1;
                configure?.Invoke(o);
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public string Root { get; }

    public IArtifactStore Store => Get<IArtifactStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public static AnalyzedScene Scene(int number, string heading, string[] characters, DialogueLine[] dialogue, double seconds = 2, string description = "Something happens.") =>
        new(number, heading, description, heading, characters, dialogue, seconds);

    public static ScriptAnalysis Analysis(IReadOnlyList<AnalyzedScene> scenes, params int[] trailerScenes) =>
        new("The Letter",
            scenes,
            [.. scenes.SelectMany(s => s.Characters).Distinct().Select(n => new AnalyzedCharacter(n, "", "", 1))],
            [],
            trailerScenes);
}
