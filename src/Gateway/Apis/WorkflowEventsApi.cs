using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Events;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Apis;

/// <summary>The live stream of a workflow's changes (Server-Sent Events), next to docs/api.md's workflow endpoints.</summary>
public static class WorkflowEventsApi
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IServiceCollection AddWorkflowEventStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventStreamOptions>().Bind(configuration.GetSection(EventStreamOptions.SectionName))
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "Events:HeartbeatInterval must be a positive time span, e.g. 00:00:15.")
            .Validate(o => o.ReconnectDelay > TimeSpan.Zero, "Events:ReconnectDelay must be a positive time span, e.g. 00:00:02.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflow/{id}/events", StreamEvents).WithTags("Workflow").WithName("StreamWorkflowEvents")
            .ProducesProjectProblems().ProducesClusterProblems().ProducesAccountProblems().RequireProjectAccess()
            .WithSummary("Live changes as Server-Sent Events")
            .WithDescription("One `status` event per change, `id:` = the version. Without `Last-Event-ID` (or `?after=`) the " +
                "stream starts with the current state; with it, it first sends every change after that version. " +
                "Comment lines keep an idle stream open. The stream ends after `completed` or `failed`; a client that " +
                "already has the final change gets 204, which tells a browser to stop reconnecting.");
        return app;
    }

    public static async Task<Results<WorkflowEventStream, NoContent, ProblemHttpResult>> StreamEvents(
        ProjectId id, string? after, HttpRequest request, ClusterCalls cluster, IOptions<EventStreamOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var projectId = id.Value;
        // A reconnecting browser sends Last-Event-ID; ?after= serves clients that cannot set headers.
        var lastHeader = request.Headers[LastEventIdHeader].ToString();
        var (raw, source) = lastHeader.Length > 0 ? (lastHeader, "The Last-Event-ID header") : (after, "The 'after' parameter");
        long? lastSeen = null;
        if (!string.IsNullOrEmpty(raw))
        {
            if (!Problems.TryParseVersion(raw, source, out var version, out var bad)) return bad!;
            lastSeen = version;
        }

        var status = await cluster.ReadAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).GetStatusAsync());
        if (status is null) return Problems.ProjectNotFound(projectId);

        var finished = status.Status is WorkflowStatusCode.Completed or WorkflowStatusCode.Failed;
        if (lastSeen is { } seen && seen >= status.Version && finished) return TypedResults.NoContent();

        // Start after what the client has seen; a new client (or one ahead of this workflow, e.g.
        // after a reset) starts with the current state, which is the latest change.
        var start = lastSeen is { } known && known <= status.Version ? known : status.Version - 1;
        return new WorkflowEventStream(projectId, start, options.Value, json.Value.SerializerOptions);
    }
}
