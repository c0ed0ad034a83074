namespace MoviePipeline.ClipTasks;

/// <summary>
/// One test video of the client's "Test Video" page (key: the task id, 32 hexadecimal digits): a clip made from an
/// uploaded image by the same video work as phase 3. Durable: the task is saved before it is answered, and a reminder
/// makes it again after a crash until it is done.
/// </summary>
[Alias("MoviePipeline.IClipTaskGrain")]
public interface IClipTaskGrain : IGrainWithStringKey
{
    /// <summary>Checks the image, keeps it and starts the clip; the answer says why not when the image cannot be used.</summary>
    [Alias("Create")]
    Task<ClipTaskCreation> CreateAsync(ClipTaskRequest request);

    /// <summary>The task, or null when there is none with this id.</summary>
    [Alias("Get")]
    Task<ClipTask?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("MoviePipeline.ClipTaskRequest")]
public sealed record ClipTaskRequest(long OwnerId, byte[] Image, string Prompt, int DurationSeconds);

/// <summary>How a create went: accepted, or refused with a sentence (bad image, or no media on this service).</summary>
[GenerateSerializer, Immutable, Alias("MoviePipeline.ClipTaskCreation")]
public sealed record ClipTaskCreation(ClipTaskRefusal? Refusal, string? Problem)
{
    public static readonly ClipTaskCreation Accepted = new(null, null);
}

[GenerateSerializer, Alias("MoviePipeline.ClipTaskRefusal")]
public enum ClipTaskRefusal
{
    /// <summary>The image is empty, too large, or not a PNG or JPEG that decodes.</summary>
    BadImage = 0,
    /// <summary>The service makes no media (Pipeline:Media is None).</summary>
    NoMedia = 1,
    /// <summary>A task with this id exists already.</summary>
    Exists = 2,
}

[GenerateSerializer, Alias("MoviePipeline.ClipTaskStatus")]
public enum ClipTaskStatus
{
    Processing = 0,
    Completed = 1,
    Failed = 2,
}

[GenerateSerializer, Immutable, Alias("MoviePipeline.ClipTask")]
public sealed record ClipTask(
    string Id, long OwnerId, ClipTaskStatus Status, string Prompt, int DurationSeconds, string? ClipKey, string? Error, DateTime CreatedAt);
