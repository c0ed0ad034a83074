namespace MoviePipeline.ClipTasks;

/// <summary>A test-video task as stored (grain state "task").</summary>
[GenerateSerializer, Alias("MoviePipeline.ClipTaskState")]
public sealed class ClipTaskState
{
    [Id(0)] public long OwnerId { get; set; }
    [Id(1)] public ClipTaskStatus Status { get; set; }
    [Id(2)] public string Prompt { get; set; } = "";
    [Id(3)] public int DurationSeconds { get; set; }
    [Id(4)] public string? ClipKey { get; set; }
    [Id(5)] public string? Error { get; set; }
    [Id(6)] public DateTime CreatedAt { get; set; }
    /// <summary>Attempts made to render the clip; a crash mid-render costs one.</summary>
    [Id(7)] public int Attempts { get; set; }
}
