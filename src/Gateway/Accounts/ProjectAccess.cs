using Microsoft.Extensions.Caching.Memory;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Accounts;

/// <summary>
/// Whose a project is. Another user's project answers exactly as one that does not exist (404), so nobody learns which
/// ids are taken. A project's owner never changes, so an owner once read is kept (bounded); "no such project" is not
/// kept, since the project may be created the next moment.
/// </summary>
public sealed class ProjectAccess(ClusterCalls cluster) : IDisposable
{
    private readonly MemoryCache _owners = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Whether the project exists and is the caller's.</summary>
    public async Task<bool> IsCallersAsync(long projectId, Caller caller)
    {
        if (!_owners.TryGetValue(projectId, out long owner))
        {
            var read = await cluster.ReadAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).GetOwnerAsync());
            if (read is null) return false;
            owner = read.Value;
            Remember(projectId, owner);
        }
        return caller.Owns(owner);
    }

    /// <summary>Keeps the owner of a project (one this gateway has just created: its first read then costs no extra call).</summary>
    public void Remember(long projectId, long ownerId) => _owners.Set(projectId, ownerId, new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _owners.Dispose();
}

/// <summary>The endpoint filter of every route with a project id: 404 unless the project is the caller's.</summary>
public static class ProjectAccessFilter
{
    public static TBuilder RequireProjectAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // An id that is not one is the binding's to answer (400).
            if (!ProjectId.TryParse(http.Request.RouteValues["id"] as string, out var id)) return await next(context);
            var access = http.RequestServices.GetRequiredService<ProjectAccess>();
            if (Caller.Of(http.User) is not { } caller || !await access.IsCallersAsync(id.Value, caller))
                return Problems.ProjectNotFound(id.Value);
            return await next(context);
        });
}
