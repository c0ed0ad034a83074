using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>Grain calls through an Orleans client, as the gateway makes them.</summary>
public sealed class ClientWorkflowDriver(IClusterClient client) : IWorkflowDriver
{
    // The gateway's user id for every project (there are no accounts).
    private const long LocalUserId = 1;

    public string Name => "Orleans client";

    public Task<long> CreateAsync(string title, string script, CancellationToken cancellationToken) =>
        client.GetGrain<IProjectRegistryGrain>(0).CreateAsync(new ProjectDraft(title, null, script, LocalUserId));

    public async Task StartAsync(long projectId, CancellationToken cancellationToken)
    {
        var result = await client.GetGrain<IProjectWorkflowGrain>(projectId).StartAsync();
        if (result.Outcome != CommandOutcome.Accepted)
            throw new InvalidOperationException($"Start of project {projectId} was refused: {result.Message}");
    }
}
