using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using MoviePipeline.Phases;
using MoviePipeline.Phases.ScriptToTrailer;
using MoviePipeline.Phases.StoryboardToMovie;
using MoviePipeline.Phases.TrailerToStoryboard;
using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Infrastructure;

// Decorators around the real phase work: each asks PhaseControl what the test wants, then
// does the real work.

public sealed class ControlledTrailerPhase(AnalysisOnlyTrailerPhase inner, IHostApplicationLifetime silo, IOptions<ClusterOptions> cluster) : IScriptToTrailerPhase
{
    public async Task<TrailerOutput> RunAsync(PhaseContext context, ProjectSnapshot project)
    {
        await PhaseControl.For(cluster.Value.ClusterId, context.ProjectId, WorkflowPhase.ScriptToTrailer).EnterAsync(silo.ApplicationStopping);
        return await inner.RunAsync(context, project);
    }
}

public sealed class ControlledStoryboardPhase(NoMediaStoryboardPhase inner, IHostApplicationLifetime silo, IOptions<ClusterOptions> cluster) : ITrailerToStoryboardPhase
{
    public async Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer)
    {
        await PhaseControl.For(cluster.Value.ClusterId, context.ProjectId, WorkflowPhase.TrailerToStoryboard).EnterAsync(silo.ApplicationStopping);
        return await inner.RunAsync(context, trailer);
    }
}

public sealed class ControlledMoviePhase(NoMediaMoviePhase inner, IHostApplicationLifetime silo, IOptions<ClusterOptions> cluster) : IStoryboardToMoviePhase
{
    public async Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard)
    {
        var behaviour = PhaseControl.For(cluster.Value.ClusterId, context.ProjectId, WorkflowPhase.StoryboardToMovie);
        await behaviour.EnterAsync(silo.ApplicationStopping);
        // Report progress as a long phase would, so tests can watch progress move inside the band.
        await context.ReportAsync(0.5, "Halfway through the clips.");
        await context.ReportAsync(0.9, "Joining the clips.", assembling: true);
        await behaviour.ReportedAsync(silo.ApplicationStopping);
        return await inner.RunAsync(context, trailer, storyboard);
    }
}

/// <summary>
/// A test-video renderer that takes any image and makes nothing, after asking <see cref="ClipControl"/> what the test
/// wants (a gate, a count of runs), so a test can kill the silo while a clip is being made.
/// </summary>
public sealed class ControlledClipRenderer(IHostApplicationLifetime silo, IOptions<ClusterOptions> cluster) : MoviePipeline.ClipTasks.IClipRenderer
{
    public Task<MoviePipeline.ClipTasks.ClipTaskCreation> KeepImageAsync(string imageKey, byte[] image) =>
        Task.FromResult(MoviePipeline.ClipTasks.ClipTaskCreation.Accepted);

    public Task RenderAsync(string imageKey, double seconds, string clipKey, CancellationToken cancellationToken) =>
        ClipControl.For(cluster.Value.ClusterId, imageKey.Split('/')[1]).EnterAsync(silo.ApplicationStopping);
}

/// <summary>What a test wants the render of one test-video task to do, as <see cref="PhaseControl"/> for phases.</summary>
public static class ClipControl
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), PhaseBehaviour> Behaviours = new();

    public static PhaseBehaviour For(string clusterId, string taskId) => Behaviours.GetOrAdd((clusterId, taskId), _ => new PhaseBehaviour());

    public static PhaseBehaviour Clip(this ClusterFixture fixture, string taskId) => For(fixture.Cluster.Options.ClusterId, taskId);
}
