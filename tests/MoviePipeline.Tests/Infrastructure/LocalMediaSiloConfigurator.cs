using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Phases.TrailerToStoryboard;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// A test silo with <c>Pipeline:Media = Local</c>: real frames, trailer, speech, clips and movie with ffmpeg and
/// espeak-ng, into the artifact root the fixture passes as <c>Media:ArtifactRoot</c>. Phase 2 sits behind a gate.
/// </summary>
public sealed class LocalMediaSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        var root = silo.Configuration["Media:ArtifactRoot"]
            ?? throw new InvalidOperationException("The fixture must set Media:ArtifactRoot for a local-media test silo.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalMediaSettings.For(root)).Build();
        silo.Services.AddMoviePipelineGrains(configuration);
        TestSiloConfigurator.AddSharedInfrastructure(silo);

        silo.Services.AddSingleton<LocalStoryboardPhase>();
        silo.Services.AddSingleton<ITrailerToStoryboardPhase, GatedLocalStoryboardPhase>();
    }
}
