namespace MoviePipeline.Benchmarks.Orchestration;

/// <summary>A way in to the service: the Orleans client, or the gateway's HTTP API.</summary>
public interface IWorkflowDriver
{
    /// <summary>How the report names it.</summary>
    string Name { get; }

    /// <summary>Creates a project and returns its id.</summary>
    Task<long> CreateAsync(string title, string script, CancellationToken cancellationToken);

    /// <summary>Starts its workflow; throws unless the service accepted.</summary>
    Task StartAsync(long projectId, CancellationToken cancellationToken);
}
