using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Apis;

/// <summary>docs/api.md "Workflow": start, status, pause, resume, and the recorded history.</summary>
public static class WorkflowApi
{
    public const string FullPipeline = "full_pipeline";

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow").WithTags("Workflow");
        api.MapPost("/{id}/start", Start).WithName("StartWorkflow")
            .WithSummary("Start the pipeline, or go on from the phase that failed").Accepts<StartWorkflowRequest>("application/json");
        api.MapGet("/{id}/status", GetStatus).WithName("GetWorkflowStatus").WithSummary("Status and progress");
        api.MapPost("/{id}/pause", Pause).WithName("PauseWorkflow").WithSummary("Pause at the next checkpoint between phases");
        api.MapPost("/{id}/resume", Resume).WithName("ResumeWorkflow").WithSummary("Go on after a pause");
        api.MapGet("/{id}/history", GetHistory).WithName("GetWorkflowHistory")
            .WithSummary("Every recorded change, oldest first; with ?after=N only those after version N");
        return app;
    }

    public static async Task<Results<Accepted<StartWorkflowResponse>, ProblemHttpResult>> Start(
        string id, HttpRequest request, IClusterClient cluster, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (!Problems.TryParseId(id, out var projectId, out var bad)) return bad!;
        var (body, problem) = await JsonBody.ReadAsync<StartWorkflowRequest>(request, json.Value.SerializerOptions);
        if (problem is not null) return problem;
        if (body?.WorkflowType is { } type && type != FullPipeline)
            return Problems.BadRequest($"'{type}' is not a workflow type; the only one is '{FullPipeline}'.");

        var result = await ClusterCalls.RunAsync(() => cluster.GetGrain<IProjectWorkflowGrain>(projectId).StartAsync());
        return ToProblem(result) ?? (Results<Accepted<StartWorkflowResponse>, ProblemHttpResult>)TypedResults.Accepted(
            $"/api/workflow/{projectId}/status", result.Status!.ToDto().ToStartResponse(result.Message));
    }

    public static async Task<Results<Ok<WorkflowStatusDto>, ProblemHttpResult>> GetStatus(string id, IClusterClient cluster)
    {
        if (!Problems.TryParseId(id, out var projectId, out var bad)) return bad!;
        var status = await ClusterCalls.RunAsync(() => cluster.GetGrain<IProjectWorkflowGrain>(projectId).GetStatusAsync());
        return status is null ? Problems.ProjectNotFound(projectId) : TypedResults.Ok(status.ToDto());
    }

    public static Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Pause(string id, IClusterClient cluster) =>
        Command(id, cluster, g => g.PauseAsync());

    public static Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Resume(string id, IClusterClient cluster) =>
        Command(id, cluster, g => g.ResumeAsync());

    public static async Task<Results<Ok<WorkflowEventDto[]>, ProblemHttpResult>> GetHistory(string id, string? after, IClusterClient cluster)
    {
        if (!Problems.TryParseId(id, out var projectId, out var bad)) return bad!;
        var afterVersion = 0L;
        if (!string.IsNullOrEmpty(after) && !long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out afterVersion))
            return Problems.BadRequest($"The 'after' parameter '{(after.Length <= 40 ? after : after[..40] + "…")}' is not a version number; versions are whole numbers from 0.");
        var grain = cluster.GetGrain<IProjectWorkflowGrain>(projectId);
        if (await ClusterCalls.RunAsync(grain.GetStatusAsync) is null) return Problems.ProjectNotFound(projectId);
        var history = await ClusterCalls.RunAsync(() => grain.GetHistoryAsync(afterVersion));
        return TypedResults.Ok(history.Select(e => e.ToDto()).ToArray());
    }

    private static async Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Command(
        string id, IClusterClient cluster, Func<IProjectWorkflowGrain, Task<WorkflowCommandResult>> command)
    {
        if (!Problems.TryParseId(id, out var projectId, out var bad)) return bad!;
        var result = await ClusterCalls.RunAsync(() => command(cluster.GetGrain<IProjectWorkflowGrain>(projectId)));
        return ToProblem(result) ?? (Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>)TypedResults.Accepted(
            $"/api/workflow/{projectId}/status", result.Status!.ToDto());
    }

    private static ProblemHttpResult? ToProblem(WorkflowCommandResult result) => result.Outcome switch
    {
        CommandOutcome.NotFound => Problems.NotFound(result.Message),
        CommandOutcome.Conflict => Problems.Conflict(result.Message),
        _ => null,
    };
}
