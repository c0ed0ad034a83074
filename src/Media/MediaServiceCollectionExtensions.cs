using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;

namespace MoviePipeline.Media;

/// <summary>Registers the media libraries for the silo and the gateway.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>Binds <see cref="MediaOptions"/> from <paramref name="section"/> (normally the "Media" section) and registers the media services.</summary>
    public static IServiceCollection AddMoviePipelineMedia(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<MediaOptions>().Bind(section);
        return services.AddMediaServices();
    }

    /// <summary>Configures <see cref="MediaOptions"/> in code and registers the media services.</summary>
    public static IServiceCollection AddMoviePipelineMedia(this IServiceCollection services, Action<MediaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<MediaOptions>();
        if (configure is not null)
            builder.Configure(configure);
        return services.AddMediaServices();
    }

    private static IServiceCollection AddMediaServices(this IServiceCollection services)
    {
        services.AddLogging();

        // Wrong settings stop the host at start with messages that name them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());
        services.AddOptions<MediaOptions>().ValidateOnStart();

        // TryAdd: a remote image, speech or storage provider registered first wins.
        services.TryAddSingleton<MediaWorkLimiter>();
        services.TryAddSingleton<ExternalToolRunner>();
        services.TryAddSingleton<MediaProbe>();
        // The store reads its root from the media settings, however they were given.
        services.AddOptions<ArtifactStoreOptions>().Configure<IOptions<MediaOptions>>((store, media) => store.ArtifactRoot = media.Value.ArtifactRoot);
        services.TryAddSingleton<IArtifactStore, FileSystemArtifactStore>();
        services.TryAddSingleton<StoryboardFonts>();
        services.TryAddSingleton<IStoryboardRenderer, StoryboardRenderer>();
        services.TryAddSingleton<TitleCardRenderer>();
        services.TryAddSingleton<FrameInspector>();
        services.TryAddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.TryAddSingleton<TrailerBuilder>();
        services.TryAddSingleton<MovieAssembler>();
        services.TryAddSingleton<ImageClipRenderer>();
        return services;
    }
}
