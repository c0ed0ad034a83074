using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MoviePipeline.ClipTasks;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Persistence;
using MoviePipeline.Phases.ScriptToTrailer;
using MoviePipeline.Phases.StoryboardToMovie;
using MoviePipeline.Phases.TrailerToStoryboard;
using MoviePipeline.Projects;
using MoviePipeline.Screenplay;
using MoviePipeline.Workflow;

namespace MoviePipeline;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the grains need on a silo, chosen by configuration; wrong settings stop the silo at start.</summary>
    public static IServiceCollection AddMoviePipelineGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>();
        services.AddOptions<ProjectOptions>().Bind(configuration.GetSection(ProjectOptions.SectionName))
            .Validate(o => o.IdBlockSize is >= 1 and <= 100_000, "Projects:IdBlockSize must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName))
            .Validate(o => o.SimulatedPhaseDuration >= TimeSpan.Zero && o.SimulatedPhaseDuration <= TimeSpan.FromHours(1),
                "Pipeline:SimulatedPhaseDuration must be between 00:00:00 and 01:00:00.")
            .ValidateOnStart();
        var pipeline = new PipelineOptions { Media = MediaModeFrom(configuration) };

        services.TryAddSingleton(TimeProvider.System);
        services.AddWorkflowResilience(configuration);
        services.AddSingleton<ProjectScripts>();
        services.AddBinaryGrainStateSerializer();
        services.AddSingleton<IScriptAnalyzer, FountainScriptAnalyzer>();

        switch (pipeline.Media)
        {
            case MediaMode.Local:
                services.AddMoviePipelineMedia(configuration.GetSection(MediaOptions.SectionName));
                services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
                    .Validate(o => o.RetentionPeriod >= TimeSpan.Zero, "Artifacts:RetentionPeriod must not be negative.")
                    .ValidateOnStart();
                services.AddSingleton<IScriptToTrailerPhase, LocalTrailerPhase>();
                services.AddSingleton<ITrailerToStoryboardPhase, LocalStoryboardPhase>();
                services.AddSingleton<IStoryboardToMoviePhase, LocalMoviePhase>();
                services.AddSingleton<IClipRenderer, LocalClipRenderer>();
                break;
            default:
                services.AddSingleton<IScriptToTrailerPhase, AnalysisOnlyTrailerPhase>();
                services.AddSingleton<ITrailerToStoryboardPhase, NoMediaStoryboardPhase>();
                services.AddSingleton<IStoryboardToMoviePhase, NoMediaMoviePhase>();
                services.AddSingleton<IClipRenderer, NoMediaClipRenderer>();
                break;
        }
        return services;
    }

    /// <summary>The configured media mode; a value that is neither Local nor None stops the silo with a message naming the setting.</summary>
    private static MediaMode MediaModeFrom(IConfiguration configuration)
    {
        var setting = $"{PipelineOptions.SectionName}:{nameof(PipelineOptions.Media)}";
        var raw = configuration[setting];
        if (string.IsNullOrWhiteSpace(raw)) return new PipelineOptions().Media;
        return Enum.TryParse<MediaMode>(raw, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new OptionsValidationException(setting, typeof(PipelineOptions),
                [$"{setting} must be Local or None (it is '{raw}')."]);
    }
}
