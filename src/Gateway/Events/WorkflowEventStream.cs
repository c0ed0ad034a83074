using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using MoviePipeline.Gateway.Contracts;
using MoviePipeline.Gateway.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Events;

/// <summary>
/// Streams a workflow's changes as Server-Sent Events: one <c>status</c> event per saved change,
/// <c>id:</c> = its version, from the version after <see cref="AfterVersion"/> on. The gateway
/// keeps nothing: it long-polls the workflow grain (<see cref="IProjectWorkflowGrain.WaitForChangeAsync"/>)
/// for changes after the last version it sent, so any gateway can serve any reconnection.
/// Ends after a <c>completed</c> or <c>failed</c> change that is the workflow's latest.
/// </summary>
public sealed partial class WorkflowEventStream(
    long projectId, long afterVersion, EventStreamOptions options, JsonSerializerOptions json) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";
    public const string EventName = "status";

    private static readonly byte[] Heartbeat = ": keep-alive\n\n"u8.ToArray();

    public long ProjectId => projectId;

    public long AfterVersion => afterVersion;

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass events through as they come
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var aborted = http.RequestAborted;
        var cluster = http.RequestServices.GetRequiredService<ClusterCalls>();
        var grain = cluster.Client.GetGrain<IProjectWorkflowGrain>(projectId);
        var logger = http.RequestServices.GetRequiredService<ILogger<WorkflowEventStream>>();
        var wait = options.HeartbeatInterval < IProjectWorkflowGrain.MaxChangeWait ? options.HeartbeatInterval : IProjectWorkflowGrain.MaxChangeWait;
        var sent = afterVersion;
        try
        {
            await WriteAsync(response, $"retry: {(long)options.ReconnectDelay.TotalMilliseconds}\n\n", aborted);
            while (!aborted.IsCancellationRequested)
            {
                // A read: when the silo it waits on dies, it asks the workflow's new activation within seconds.
                var changes = await cluster.ReadAsync(_ => grain.WaitForChangeAsync(sent, wait), aborted);
                if (changes.Count == 0)
                {
                    await response.Body.WriteAsync(Heartbeat, aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                foreach (var change in changes)
                    await WriteAsync(response, Format(change), flush: false, aborted);
                await response.Body.FlushAsync(aborted);
                sent = changes[^1].Version;
                if (changes[^1].Status is WorkflowStatusCode.Completed or WorkflowStatusCode.Failed) return;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (ClusterCalls.IsUnavailable(ex) || ex is TimeoutException)
        {
            // End the stream: the client reconnects with Last-Event-ID, to this gateway or another.
            LogStreamInterrupted(logger, ex, projectId, sent);
        }
    }

    private string Format(WorkflowEvent change) => string.Create(CultureInfo.InvariantCulture,
        $"id: {change.Version}\nevent: {EventName}\ndata: {JsonSerializer.Serialize(change.ToChangeDto(projectId), json)}\n\n");

    private static Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken) =>
        WriteAsync(response, text, flush: true, cancellationToken);

    private static async Task WriteAsync(HttpResponse response, string text, bool flush, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        if (flush) await response.Body.FlushAsync(cancellationToken);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(WorkflowChangeDto), [ContentType]));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream of project {ProjectId} ended after version {Version}: the cluster did not answer")]
    private static partial void LogStreamInterrupted(ILogger logger, Exception ex, long projectId, long version);
}
