using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Accounts;
using MoviePipeline.Phases;
using MoviePipeline.Projects;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Apis;

/// <summary>docs/api.md "Projects": create, list, get, and the phases' outputs.</summary>
public static class ProjectsApi
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxScriptBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projects").WithTags("Projects").ProducesClusterProblems().ProducesAccountProblems();
        api.MapPost("/", CreateProject).WithName("CreateProject").WithSummary("Create a project from a script")
            .Accepts<CreateProjectRequest>("application/json").ProducesBodyProblems();
        api.MapGet("/", ListProjects).WithName("ListProjects").WithSummary("The caller's projects, newest first");
        var project = api.MapGroup("/{id}").ProducesProjectProblems().RequireProjectAccess();
        project.MapGet("", GetProject).WithName("GetProject").WithSummary("One project with its script and status");
        project.MapPatch("", EditProject).WithName("EditProject")
            .WithSummary("Change the title, description or script: a new revision, made by the next start")
            .Accepts<EditProjectRequest>("application/json").ProducesBodyProblems().WithProblems(StatusCodes.Status409Conflict);
        project.MapGet("/scenes", GetScenes).WithName("GetScenes").WithSummary("The project's scenes in order");
        project.MapGet("/characters", GetCharacters).WithName("GetCharacters").WithSummary("The project's characters");
        project.MapGet("/settings", GetSettings).WithName("GetSettings").WithSummary("The project's settings");
        project.MapGet("/storyboards", GetStoryboards).WithName("GetStoryboards").WithSummary("A storyboard image per scene");
        project.MapGet("/videos", GetVideos).WithName("GetVideos").WithSummary("A video clip per scene");
        project.MapGet("/movie", GetMovie).WithName("GetMovie").WithSummary("The final movie, or null").ProducesNullable();
        return app;
    }

    public static async Task<Results<Created<CreateProjectResponse>, ProblemHttpResult>> CreateProject(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CreateProjectRequest? body, Caller caller, ClusterCalls cluster,
        ProjectAccess access)
    {
        if (body is null) return Problems.BadRequest("Send a JSON body with 'title' and 'scriptContent'.");
        if (body.Title is null)
            return Problems.BadRequest("The title is missing; give the project a title of 1 to 200 characters.");
        if (body.ScriptContent is null)
            return Problems.BadRequest("The script is empty; paste a screenplay (or at least an idea) into 'scriptContent'.");
        if (Check(body.Title, body.Description, body.ScriptContent) is { } bad) return bad;

        var draft = new ProjectDraft(body.Title.Trim(), body.Description, body.ScriptContent, caller.UserId);
        var id = await cluster.RunAsync(c => c.GetGrain<IProjectRegistryGrain>(0).CreateAsync(draft));
        access.Remember(id, caller.UserId);
        return TypedResults.Created($"/api/projects/{id}", new CreateProjectResponse(id));
    }

    /// <summary>docs/api.md: the fields given replace the project's; 409 while its workflow runs; 200 with the project.</summary>
    public static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> EditProject(
        ProjectId id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] EditProjectRequest? body, ClusterCalls cluster)
    {
        if (body is null || (body.Title, body.Description, body.ScriptContent) is (null, null, null))
            return Problems.BadRequest("Send a JSON body with at least one of 'title', 'description' and 'scriptContent'.");
        if (Check(body.Title, body.Description, body.ScriptContent) is { } bad) return bad;

        var projectId = id.Value;
        var edit = new ProjectEdit(body.Title?.Trim(), body.Description, body.ScriptContent);
        var result = await cluster.RunAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).EditAsync(edit));
        return result.Outcome switch
        {
            CommandOutcome.NotFound => Problems.ProjectNotFound(projectId),
            CommandOutcome.Conflict => Problems.Conflict(result.Message),
            _ => await GetProject(id, cluster),
        };
    }

    /// <summary>The rules of a project's fields, for create and edit alike: a problem for the first one given that breaks them.</summary>
    private static ProblemHttpResult? Check(string? title, string? description, string? script)
    {
        if (title is not null)
        {
            title = title.Trim();
            if (title.Length == 0)
                return Problems.BadRequest("The title is missing; give the project a title of 1 to 200 characters.");
            if (TextRules.VisibleLength(title) is var titleLength and > MaxTitleLength)
                return Problems.BadRequest($"The title has {titleLength} characters; it may have at most {MaxTitleLength}.");
            if (TextRules.Forbidden(title, "title", multiline: false) is { } badTitle)
                return Problems.BadRequest(badTitle);
        }
        if (description is not null)
        {
            if (TextRules.VisibleLength(description) is var descriptionLength and > MaxDescriptionLength)
                return Problems.BadRequest($"The description has {descriptionLength} characters; it may have at most {MaxDescriptionLength}.");
            if (TextRules.Forbidden(description, "description", multiline: true) is { } badDescription)
                return Problems.BadRequest(badDescription);
        }
        if (script is not null)
        {
            if (string.IsNullOrWhiteSpace(script))
                return Problems.BadRequest("The script is empty; paste a screenplay (or at least an idea) into 'scriptContent'.");
            var scriptBytes = Encoding.UTF8.GetByteCount(script);
            if (scriptBytes > MaxScriptBytes)
                return Problems.TooLarge($"The script is {scriptBytes / 1024.0 / 1024.0:0.##} MiB; it may be at most 2 MiB.");
        }
        return null;
    }

    public static async Task<Ok<ProjectSummaryDto[]>> ListProjects(Caller caller, ClusterCalls cluster)
    {
        // Administrators also see the projects made before accounts (see Users.BeforeAccounts).
        long[] owners = caller.IsAdmin ? [caller.UserId, Users.BeforeAccounts] : [caller.UserId];
        var lists = await Task.WhenAll(owners.Select(owner => cluster.ReadAsync(c => c.GetGrain<IUserProjectsGrain>(owner).ListAsync())));
        var projects = lists.SelectMany(list => list).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
        return TypedResults.Ok(projects.Select(p => p.ToDto()).ToArray());
    }

    public static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> GetProject(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        var project = await cluster.ReadAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).GetProjectAsync());
        if (project is null) return Problems.ProjectNotFound(projectId);
        var trailer = await cluster.ReadAsync(c => c.GetGrain<IScriptToTrailerGrain>(projectId).GetOutputAsync());
        return TypedResults.Ok(project.ToDto(trailer?.TrailerKey));
    }

    /// <summary>The scenes; a scene whose clip is made says the clip's real length, not the script's estimate.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SceneDto>>, ProblemHttpResult>> GetScenes(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        if (!await ExistsAsync(cluster, projectId)) return Problems.ProjectNotFound(projectId);
        var trailer = await cluster.ReadAsync(c => c.GetGrain<IScriptToTrailerGrain>(projectId).GetOutputAsync());
        var movie = trailer is null ? null : await cluster.ReadAsync(c => c.GetGrain<IStoryboardToMovieGrain>(projectId).GetOutputAsync());
        return TypedResults.Ok(ApiMapper.ScenesOf(projectId, trailer, movie));
    }

    public static Task<Results<Ok<IReadOnlyList<DescribedEntityDto>>, ProblemHttpResult>> GetCharacters(ProjectId id, ClusterCalls cluster) =>
        FromTrailerOutput(id, cluster, ApiMapper.CharactersOf);

    public static Task<Results<Ok<IReadOnlyList<DescribedEntityDto>>, ProblemHttpResult>> GetSettings(ProjectId id, ClusterCalls cluster) =>
        FromTrailerOutput(id, cluster, ApiMapper.SettingsOf);

    public static async Task<Results<Ok<StoryboardImageDto[]>, ProblemHttpResult>> GetStoryboards(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        if (!await ExistsAsync(cluster, projectId)) return Problems.ProjectNotFound(projectId);
        var frames = await cluster.ReadAsync(c => c.GetGrain<ITrailerToStoryboardGrain>(projectId).GetFramesAsync());
        return TypedResults.Ok(frames.OrderBy(f => f.SceneNumber).Select(f => f.ToDto(projectId)).ToArray());
    }

    public static async Task<Results<Ok<GeneratedVideoDto[]>, ProblemHttpResult>> GetVideos(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        if (!await ExistsAsync(cluster, projectId)) return Problems.ProjectNotFound(projectId);
        var output = await cluster.ReadAsync(c => c.GetGrain<IStoryboardToMovieGrain>(projectId).GetOutputAsync());
        return TypedResults.Ok((output?.Clips ?? []).OrderBy(c => c.SceneNumber).Select(c => c.ToDto(projectId)).ToArray());
    }

    public static async Task<Results<Ok<FinalMovieDto>, ContentHttpResult, ProblemHttpResult>> GetMovie(ProjectId id, ClusterCalls cluster)
    {
        var projectId = id.Value;
        if (!await ExistsAsync(cluster, projectId)) return Problems.ProjectNotFound(projectId);
        var output = await cluster.ReadAsync(c => c.GetGrain<IStoryboardToMovieGrain>(projectId).GetOutputAsync());
        // docs/api.md: 200 with the movie, or a literal null before there is one.
        return output?.Movie is { } movie
            ? TypedResults.Ok(movie.ToDto(projectId))
            : TypedResults.Content("null", "application/json");
    }

    private static async Task<Results<Ok<IReadOnlyList<T>>, ProblemHttpResult>> FromTrailerOutput<T>(
        ProjectId id, ClusterCalls cluster, Func<long, TrailerOutput?, IReadOnlyList<T>> map)
    {
        var projectId = id.Value;
        if (!await ExistsAsync(cluster, projectId)) return Problems.ProjectNotFound(projectId);
        var output = await cluster.ReadAsync(c => c.GetGrain<IScriptToTrailerGrain>(projectId).GetOutputAsync());
        return TypedResults.Ok(map(projectId, output));
    }

    private static async Task<bool> ExistsAsync(ClusterCalls cluster, long projectId) =>
        await cluster.ReadAsync(c => c.GetGrain<IProjectWorkflowGrain>(projectId).GetStatusAsync()) is not null;
}
