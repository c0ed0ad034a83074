using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Video;

namespace MoviePipeline.Media.Tests;

public sealed class MediaOptionsTests
{
    [Fact]
    public void AddMoviePipelineMedia_ConfigurationSection_BindsAndRegistersEverything()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Media:ArtifactRoot"] = "/tmp/mp-bind-test",
                ["Media:VideoWidth"] = "640",
                ["Media:VideoHeight"] = "360",
                ["Media:ToolTimeout"] = "00:02:00",
                ["Media:MaxConcurrentWork"] = "3",
            })
            .Build();

        using var services = new ServiceCollection().AddMoviePipelineMedia(configuration.GetSection("Media")).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<MediaOptions>>().Value;
        Assert.Equal(640, options.VideoWidth);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ToolTimeout);
        Assert.Equal(3, services.GetRequiredService<Tools.MediaWorkLimiter>().Limit);
        Assert.Equal("/tmp/mp-bind-test", ((FileSystemArtifactStore)services.GetRequiredService<IArtifactStore>()).Root);
        Assert.IsType<StoryboardRenderer>(services.GetRequiredService<IStoryboardRenderer>());
        Assert.IsType<EspeakSpeechSynthesizer>(services.GetRequiredService<ISpeechSynthesizer>());
        Assert.NotNull(services.GetRequiredService<FrameInspector>());
        Assert.NotNull(services.GetRequiredService<TrailerBuilder>());
        Assert.NotNull(services.GetRequiredService<MovieAssembler>());
    }

    [Fact]
    public void AddMoviePipelineMedia_DefaultConcurrency_IsProcessorCount() =>
        Assert.Equal(Environment.ProcessorCount, new MediaOptions().MaxConcurrentWork);

    [Theory]
    [InlineData("VideoWidth", "Media:VideoWidth")]
    [InlineData("VideoPreset", "Media:VideoPreset")]
    [InlineData("MaxConcurrentWork", "Media:MaxConcurrentWork")]
    [InlineData("ToolTimeout", "Media:ToolTimeout")]
    [InlineData("FfmpegPath", "Media:FfmpegPath")]
    [InlineData("ArtifactRoot", "Media:ArtifactRoot")]
    public void Validation_WrongSetting_MessageNamesIt(string setting, string expectedName)
    {
        using var services = new ServiceCollection()
            .AddMoviePipelineMedia(o =>
            {
                switch (setting)
                {
                    case "VideoWidth": o.VideoWidth = 641; break;
                    case "VideoPreset": o.VideoPreset = "warp-speed"; break;
                    case "MaxConcurrentWork": o.MaxConcurrentWork = 0; break;
                    case "ToolTimeout": o.ToolTimeout = TimeSpan.Zero; break;
                    case "FfmpegPath": o.FfmpegPath = " "; break;
                    default: o.ArtifactRoot = ""; break;
                }
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MediaOptions>>().Value);

        Assert.Contains(expectedName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_Defaults_AreValid() =>
        Assert.True(new MediaOptionsValidator().Validate(null, new MediaOptions()).Succeeded);
}
