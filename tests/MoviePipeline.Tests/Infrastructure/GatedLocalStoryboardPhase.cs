using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MoviePipeline.Phases;
using MoviePipeline.Phases.TrailerToStoryboard;
using MoviePipeline.Workflow;
using Orleans.Configuration;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>The real local phase 2, behind a gate a test can hold, e.g. to damage phase 1's drafts first.</summary>
public sealed class GatedLocalStoryboardPhase(LocalStoryboardPhase inner, IHostApplicationLifetime silo, IOptions<ClusterOptions> cluster) : ITrailerToStoryboardPhase
{
    public async Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer)
    {
        await PhaseControl.For(cluster.Value.ClusterId, context.ProjectId, WorkflowPhase.TrailerToStoryboard).EnterAsync(silo.ApplicationStopping);
        return await inner.RunAsync(context, trailer);
    }
}
