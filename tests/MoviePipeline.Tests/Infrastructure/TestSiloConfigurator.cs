using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Phases.ScriptToTrailer;
using MoviePipeline.Phases.StoryboardToMovie;
using MoviePipeline.Phases.TrailerToStoryboard;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// A test silo: the real grains and options, storage and reminders that outlive a killed
/// silo, short retry delays and reminder periods, and phases a test can hold or fail.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workflow:MaxAttempts"] = "3",
        ["Workflow:RetryInitialDelay"] = "00:00:00.050",
        ["Workflow:RetryMaxDelay"] = "00:00:00.200",
        ["Workflow:RecoveryReminderPeriod"] = "00:00:02",
        // A write that storage keeps refusing fails after about 0.15 s, not two minutes.
        ["Resilience:WorkflowStorage:MaxRetryAttempts"] = "3",
        ["Resilience:WorkflowStorage:Delay"] = "00:00:00.020",
        ["Pipeline:Media"] = "None",
    };

    public void Configure(ISiloBuilder silo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        silo.Services.AddMoviePipelineGrains(configuration);

        AddSharedInfrastructure(silo);

        silo.Services.AddSingleton<AnalysisOnlyTrailerPhase>();
        silo.Services.AddSingleton<NoMediaStoryboardPhase>();
        silo.Services.AddSingleton<NoMediaMoviePhase>();
        silo.Services.AddSingleton<IScriptToTrailerPhase, ControlledTrailerPhase>();
        silo.Services.AddSingleton<ITrailerToStoryboardPhase, ControlledStoryboardPhase>();
        silo.Services.AddSingleton<IStoryboardToMoviePhase, ControlledMoviePhase>();
        silo.Services.AddSingleton<MoviePipeline.ClipTasks.IClipRenderer, ControlledClipRenderer>();
    }

    /// <summary>Storage and reminders that outlive a killed silo, and quick failure detection; shared by every test silo.</summary>
    public static void AddSharedInfrastructure(ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage, SharedMemoryGrainStorage>("Default");
        silo.Services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredKeyedService<IGrainStorage>("Default"));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SharedMemoryReminderTable>();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

        // Detect a killed silo within a few seconds.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        });
    }
}
