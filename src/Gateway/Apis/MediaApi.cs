using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MoviePipeline.Gateway.Accounts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Gateway.Apis;

/// <summary>
/// docs/api.md "Media": streams the artifact behind any <c>*Url</c> field from the artifact store the silos write to, with
/// its content type, Range requests (video seeking), ETag and Last-Modified. Only valid artifact keys are served, so
/// nothing outside the store can be reached, and only the caller's own projects' files: another's answer 404, as a file
/// that does not exist does.
/// </summary>
public static class MediaApi
{
    /// <summary>The artifact store, rooted where the silos' is (setting Media:ArtifactRoot); nothing else of the media libraries.</summary>
    public static IServiceCollection AddMediaApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddArtifactStore(configuration.GetSection(ArtifactStoreOptions.SectionName));

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/media/{**key}", GetMedia)
            .WithTags("Media").WithName("GetMedia")
            .WithSummary("Stream an artifact: a storyboard PNG, a clip, trailer or movie MP4, a WAV or an SRT")
            .WithDescription("Answers 206 with Content-Range for a Range request, 304 for a matching If-None-Match or If-Modified-Since, " +
                "400 for a key that is not a valid artifact key and 404 for a key with nothing stored under it.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ArtifactContentTypes.Png,
                ArtifactContentTypes.Mp4, ArtifactContentTypes.Wav, ArtifactContentTypes.Srt)
            .Produces(StatusCodes.Status206PartialContent, typeof(Stream), ArtifactContentTypes.Mp4,
                ArtifactContentTypes.Png, ArtifactContentTypes.Wav, ArtifactContentTypes.Srt)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesClusterProblems();
        return app;
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetMedia(
        string? key, Caller caller, ProjectAccess access, ClusterCalls cluster, IArtifactStore store, HttpResponse response,
        CancellationToken cancellationToken)
    {
        ArtifactInfo? info;
        try
        {
            info = await store.GetInfoAsync(key ?? "", cancellationToken);
        }
        catch (InvalidArtifactKeyException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        // Every file the pipeline makes is under its project's folder, or its test-video task's.
        if (info is null || !await IsCallersAsync(info.Key, caller, access, cluster))
            return Problems.NotFound($"There is no media file \"{key}\"; it may not have been made yet.");

        // A rerun rewrites an artifact under the same key: let browsers keep it, but ask each time whether it changed.
        response.Headers.CacheControl = "no-cache";
        var tag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastModified.UtcTicks:x}\"");
        return TypedResults.PhysicalFile(store.GetLocalPath(info.Key), info.ContentType,
            lastModified: info.LastModified, entityTag: tag, enableRangeProcessing: true);
    }

    /// <summary>Whether the key is under one of the caller's projects (<c>projects/{id}/…</c>) or tasks (<c>tasks/{id}/…</c>).</summary>
    private static async Task<bool> IsCallersAsync(string key, Caller caller, ProjectAccess access, ClusterCalls cluster) =>
        key.Split('/', 3) switch
        {
            ["projects", var id, _] => ProjectId.TryParse(id, out var projectId) && await access.IsCallersAsync(projectId.Value, caller),
            ["tasks", var id, _] => await ClipTaskApi.ReadAsync(cluster, id) is { } task && task.OwnerId == caller.UserId,
            _ => false,
        };
}
