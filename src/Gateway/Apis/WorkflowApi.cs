using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Apis;

/// <summary>docs/api.md "Workflow": start, status, pause, resume, and the recorded history.</summary>
public static class WorkflowApi
{
    public const string FullPipeline = "full_pipeline";

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/{id}").WithTags("Workflow").ProducesProjectProblems().ProducesClusterProblems()
            .ProducesAccountProblems().RequireProjectAccess();
        api.MapPost("/start", Start).WithName("StartWorkflow")
            .WithSummary("Start the pipeline, or go on from the phase that failed").Accepts<StartWorkflowRequest>("application/json")
            .ProducesBodyProblems().WithProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        api.MapGet("/status", GetStatus).WithName("GetWorkflowStatus").WithSummary("Status and progress");
        api.MapPost("/pause", Pause).WithName("PauseWorkflow").WithSummary("Pause at the next checkpoint between phases")
            .WithProblems(StatusCodes.Status409Conflict);
        api.MapPost("/resume", Resume).WithName("ResumeWorkflow").WithSummary("Go on after a pause")
            .WithProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        api.MapGet("/history", GetHistory).WithName("GetWorkflowHistory")
            .WithSummary("Every recorded change, oldest first; with ?after=N only those after version N");
        return app;
    }

    public static async Task<Results<Accepted<StartWorkflowResponse>, ProblemHttpResult>> Start(
        ProjectId id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] StartWorkflowRequest? body, Caller caller,
        IOptions<AccountOptions> accounts, ClusterCalls cluster)
    {
        var projectId = id.Value;
        if (body?.WorkflowType is { } type && type != FullPipeline)
            return Problems.BadRequest($"'{type}' is not a workflow type; the only one is '{FullPipeline}'.");

        // Through the user's own gate, which keeps them within Accounts:MaxRunningWorkflows.
        var max = accounts.Value.MaxRunningWorkflows;
        var result = await cluster.RunAsync(c => c.GetGrain<IUserProjectsGrain>(caller.UserId).StartAsync(projectId, max));
        return ToProblem(result) ?? (Results<Accepted<StartWorkflowResponse>, ProblemHttpResult>)TypedResults.Accepted(
            $"/api/workflow/{projectId}/status", result.Status!.ToDto().ToStartResponse(result.Message));
    }

    public static async Task<Results<Ok<WorkflowStatusDto>, ProblemHttpResult>> GetStatus(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        var status = await cluster.ReadAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).GetStatusAsync());
        return status is null ? Problems.ProjectNotFound(projectId) : TypedResults.Ok(status.ToDto());
    }

    public static Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Pause(ProjectId id, ClusterCalls cluster) =>
        Command(id, cluster, c => c.GetGrain<IProjectWorkflowGrain>(id.Value).PauseAsync());

    /// <summary>Through the user's own gate, like a start.</summary>
    public static Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Resume(
        ProjectId id, Caller caller, IOptions<AccountOptions> accounts, ClusterCalls cluster) =>
        Command(id, cluster, c => c.GetGrain<IUserProjectsGrain>(caller.UserId).ResumeAsync(id.Value, accounts.Value.MaxRunningWorkflows));

    public static async Task<Results<Ok<WorkflowEventDto[]>, ProblemHttpResult>> GetHistory(ProjectId id, string? after, ClusterCalls cluster)
    {
        var projectId = id.Value;
        var afterVersion = 0L;
        if (!string.IsNullOrEmpty(after) && !Problems.TryParseVersion(after, "The 'after' parameter", out afterVersion, out var bad))
            return bad!;
        var grain = cluster.Client.GetGrain<IProjectWorkflowGrain>(projectId);
        if (await cluster.ReadAsync(_ => grain.GetStatusAsync()) is null) return Problems.ProjectNotFound(projectId);
        var history = await cluster.ReadAsync(_ => grain.GetHistoryAsync(afterVersion));
        return TypedResults.Ok(history.Select(e => e.ToDto()).ToArray());
    }

    private static async Task<Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>> Command(
        ProjectId id, ClusterCalls cluster, Func<IClusterClient, Task<WorkflowCommandResult>> command)
    {
        var projectId = id.Value;
        var result = await cluster.RunAsync(command);
        return ToProblem(result) ?? (Results<Accepted<WorkflowStatusDto>, ProblemHttpResult>)TypedResults.Accepted(
            $"/api/workflow/{projectId}/status", result.Status!.ToDto());
    }

    private static ProblemHttpResult? ToProblem(WorkflowCommandResult result) => result.Outcome switch
    {
        CommandOutcome.NotFound => Problems.NotFound(result.Message),
        CommandOutcome.Conflict => Problems.Conflict(result.Message),
        CommandOutcome.LimitReached => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many workflows running."),
        _ => null,
    };
}
