using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Phases;
using MoviePipeline.Phases.ScriptToTrailer;
using MoviePipeline.Phases.StoryboardToMovie;
using MoviePipeline.Phases.TrailerToStoryboard;
using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>
/// The local phase work without Orleans: the services exactly as AddMoviePipelineGrains registers them for
/// <c>Pipeline:Media = Local</c>, over a private temporary artifact root, with progress reports recorded.
/// </summary>
public sealed class LocalPhaseHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="overrides">Settings on top of <see cref="LocalMediaSettings"/>.</param>
    /// <param name="providers">Registered first, so they replace the local providers (the media libraries use TryAdd).</param>
    public LocalPhaseHarness(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? providers = null)
    {
        RequiredMediaTools.EnsureInstalled();
        var settings = LocalMediaSettings.For(Root);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        providers?.Invoke(services);
        _services = services.AddMoviePipelineGrains(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public const long ProjectId = 42;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mp-local-phase-" + Guid.NewGuid().ToString("N"));

    public List<PhaseProgress> Reports { get; } = [];

    public IArtifactStore Store => Get<IArtifactStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public PhaseContext Context(WorkflowPhase phase) => new(new PhaseRun(ProjectId, phase, $"run-{phase}", 1), progress =>
    {
        lock (Reports) Reports.Add(progress);
        return Task.CompletedTask;
    });

    public Task<TrailerOutput> RunPhase1Async(string script) =>
        Get<IScriptToTrailerPhase>().RunAsync(Context(WorkflowPhase.ScriptToTrailer), Project(script));

    public Task<IReadOnlyList<SceneFrame>> RunPhase2Async(TrailerOutput trailer) =>
        Get<ITrailerToStoryboardPhase>().RunAsync(Context(WorkflowPhase.TrailerToStoryboard), trailer);

    public Task<MovieOutput> RunPhase3Async(TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard) =>
        Get<IStoryboardToMoviePhase>().RunAsync(Context(WorkflowPhase.StoryboardToMovie), trailer, storyboard);

    public static ProjectSnapshot Project(string script) => new(
        ProjectId, 1, "Harness", "A test project.", script, DateTime.UtcNow,
        new WorkflowStatus(ProjectId, WorkflowStatusCode.Parsing, 0, null, WorkflowPhase.ScriptToTrailer, 0, false, 1, null, [], 1,
            DateTime.UtcNow, null, DateTime.UtcNow));

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
