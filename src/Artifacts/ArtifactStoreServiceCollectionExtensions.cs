using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MoviePipeline.Media.Artifacts;

public static class ArtifactStoreServiceCollectionExtensions
{
    /// <summary>
    /// The file-system artifact store, rooted at <c>ArtifactRoot</c> of <paramref name="section"/> (normally "Media");
    /// an empty root stops the host at start with a message naming the setting. A store registered first wins.
    /// </summary>
    public static IServiceCollection AddArtifactStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ArtifactStoreOptions>().Bind(section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ArtifactRoot), $"{ArtifactStoreOptions.SectionName}:ArtifactRoot must name a folder.")
            .ValidateOnStart();
        services.TryAddSingleton<IArtifactStore, FileSystemArtifactStore>();
        return services;
    }
}
