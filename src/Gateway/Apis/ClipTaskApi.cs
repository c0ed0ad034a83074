using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MoviePipeline.ClipTasks;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Gateway.Apis;

/// <summary>
/// docs/api.md "Test Video": a clip from one uploaded image, made by the cluster as phase 3 makes a scene's clip. The
/// task is its creator's; anyone else gets 404, as for a task that does not exist.
/// </summary>
public static class ClipTaskApi
{
    public const string Path = "/api/phases/storyboard-to-movie/test-image-to-video";
    public const int MaxPromptLength = 2000;
    public const int MaxImageBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapClipTaskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Test video").ProducesAccountProblems().ProducesClusterProblems();
        api.MapPost("", Create).WithName("CreateTestVideo").WithSummary("Make a clip from an image; answers at once with the task id")
            .DisableAntiforgery() // cross-site posts are refused for every route alike (WebSecurity)
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status501NotImplemented);
        api.MapGet("/{taskId}", Get).WithName("GetTestVideo").WithSummary("The task: processing, completed with the video's URL, or failed")
            .WithProblems(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<ClipTaskCreatedDto>, ProblemHttpResult>> Create(
        IFormFile? image, [FromForm] string? prompt, [FromForm] string? duration, Caller caller, ClusterCalls cluster)
    {
        if (image is null) return Problems.BadRequest("Send the picture as the form field 'image' (a PNG or JPEG file).");
        if (image.Length == 0) return Problems.BadRequest("The image is empty.");
        if (image.Length > MaxImageBytes)
            return Problems.BadRequest($"The image is {image.Length / 1024.0 / 1024.0:0.##} MiB; it may be at most {MaxImageBytes / 1024 / 1024} MiB.");
        if (duration is not ("5" or "10")) return Problems.BadRequest("The duration must be 5 or 10 (seconds).");
        prompt = prompt?.Trim() ?? "";
        if (TextRules.VisibleLength(prompt) is var promptLength and > MaxPromptLength)
            return Problems.BadRequest($"The prompt has {promptLength} characters; it may have at most {MaxPromptLength}.");
        if (TextRules.Forbidden(prompt, "prompt", multiline: true) is { } badPrompt) return Problems.BadRequest(badPrompt);

        var bytes = new byte[image.Length];
        await using (var stream = image.OpenReadStream()) await stream.ReadExactlyAsync(bytes);
        var taskId = Guid.NewGuid().ToString("N");
        var seconds = duration == "5" ? 5 : 10;
        var created = await cluster.RunAsync(c => c.GetGrain<IClipTaskGrain>(taskId).CreateAsync(new ClipTaskRequest(caller.UserId, bytes, prompt, seconds)));
        return created.Refusal switch
        {
            null => TypedResults.Ok(new ClipTaskCreatedDto(taskId, seconds, prompt)),
            ClipTaskRefusal.NoMedia => TypedResults.Problem(created.Problem, statusCode: StatusCodes.Status501NotImplemented, title: "Not available here."),
            _ => Problems.BadRequest(created.Problem ?? "The image cannot be used."),
        };
    }

    public static async Task<Results<Ok<ClipTaskStatusDto>, ProblemHttpResult>> Get(string taskId, Caller caller, ClusterCalls cluster)
    {
        var task = await ReadAsync(cluster, taskId);
        if (task is null || task.OwnerId != caller.UserId) return NotFound(taskId);
        return TypedResults.Ok(task.Status switch
        {
            ClipTaskStatus.Completed => new ClipTaskStatusDto("completed", VideoUrl: "/api/media/" + task.ClipKey),
            ClipTaskStatus.Failed => new ClipTaskStatusDto("failed", Error: task.Error),
            _ => new ClipTaskStatusDto("processing"),
        });
    }

    /// <summary>The task of an id, or null for one that is not a task id or has no task.</summary>
    public static async Task<ClipTask?> ReadAsync(ClusterCalls cluster, string? taskId) =>
        ArtifactKeys.IsTaskId(taskId) ? await cluster.ReadAsync(c => c.GetGrain<IClipTaskGrain>(taskId!).GetAsync()) : null;

    private static ProblemHttpResult NotFound(string taskId) =>
        Problems.NotFound($"There is no test video task '{(taskId.Length <= 40 ? taskId : taskId[..40] + "…")}'.");
}
