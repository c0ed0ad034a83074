using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using MoviePipeline.Persistence;
using MoviePipeline.Workflow;

namespace MoviePipeline.Projects;

/// <summary>
/// Creates projects. A reentrant stateless worker, so every silo creates many
/// projects at once locally; each activation takes ids from the cluster's allocator a range
/// at a time, with one reservation in flight that every waiting create shares.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ProjectRegistryGrain(IOptions<ProjectOptions> options) : Grain, IProjectRegistryGrain
{
    private long _nextId;
    private long _lastId = -1;
    private Task? _refill;

    public async Task<long> CreateAsync(ProjectDraft draft)
    {
        var id = await NextIdAsync();
        // Listed first, then saved: an id the list holds without a project lists nothing (a create that failed half-way),
        // whereas a saved project that never reached the list would be lost to its owner.
        await StorageFailures.RunAsync(() => GrainFactory.GetGrain<IUserProjectsGrain>(draft.UserId).AddAsync(id),
            $"Listing project {id}");
        if (!await GrainFactory.GetGrain<IProjectWorkflowGrain>(id).CreateAsync(draft))
            throw new InvalidOperationException($"Project id {id} was handed out twice.");
        return id;
    }

    private async Task<long> NextIdAsync()
    {
        while (_nextId > _lastId)
        {
            _refill ??= RefillAsync();
            var refill = _refill;
            try
            {
                await refill;
            }
            finally
            {
                if (_refill == refill) _refill = null;
            }
        }
        return _nextId++;
    }

    private async Task RefillAsync()
    {
        var size = options.Value.IdBlockSize;
        var first = await GrainFactory.GetGrain<IProjectIdGrain>(0).ReserveAsync(size);
        (_nextId, _lastId) = (first, first + size - 1);
    }
}
