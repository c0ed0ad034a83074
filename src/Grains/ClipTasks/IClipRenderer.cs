using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Video;
using MoviePipeline.Persistence;

namespace MoviePipeline.ClipTasks;

/// <summary>What a test-video task needs of the media work; chosen by Pipeline:Media like the phases.</summary>
public interface IClipRenderer
{
    /// <summary>Checks the image and keeps it as PNG at <paramref name="imageKey"/>, or says why not.</summary>
    Task<ClipTaskCreation> KeepImageAsync(string imageKey, byte[] image);

    Task RenderAsync(string imageKey, double seconds, string clipKey, CancellationToken cancellationToken);
}

/// <summary>Pipeline:Media=Local: the clip made as phase 3 makes a scene's.</summary>
public sealed class LocalClipRenderer(ImageClipRenderer renderer, IArtifactStore store) : IClipRenderer
{
    public async Task<ClipTaskCreation> KeepImageAsync(string imageKey, byte[] image)
    {
        var (png, problem) = ImageClipRenderer.ToPng(image);
        if (png is null) return new ClipTaskCreation(ClipTaskRefusal.BadImage, problem);
        await StorageFailures.RunAsync(() => store.WriteAsync(imageKey, png), "Keeping the image");
        return ClipTaskCreation.Accepted;
    }

    public Task RenderAsync(string imageKey, double seconds, string clipKey, CancellationToken cancellationToken) =>
        renderer.RenderAsync(imageKey, seconds, clipKey, cancellationToken);
}

/// <summary>Pipeline:Media=None: no video work on this service, so no test videos either.</summary>
public sealed class NoMediaClipRenderer : IClipRenderer
{
    public Task<ClipTaskCreation> KeepImageAsync(string imageKey, byte[] image) => Task.FromResult(new ClipTaskCreation(
        ClipTaskRefusal.NoMedia, "This service makes no media (Pipeline:Media is None), so it makes no test videos."));

    public Task RenderAsync(string imageKey, double seconds, string clipKey, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This service makes no media.");
}
