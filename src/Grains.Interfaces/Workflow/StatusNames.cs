namespace MoviePipeline.Workflow;

/// <summary>The status names of the REST contract (docs/api.md): snake_case words.</summary>
public static class StatusNames
{
    public static string ToApi(WorkflowStatusCode status) => status switch
    {
        WorkflowStatusCode.Draft => "draft",
        WorkflowStatusCode.Parsing => "parsing",
        WorkflowStatusCode.Parsed => "parsed",
        WorkflowStatusCode.GeneratingStoryboard => "generating_storyboard",
        WorkflowStatusCode.GeneratingVideos => "generating_videos",
        WorkflowStatusCode.Assembling => "assembling",
        WorkflowStatusCode.Completed => "completed",
        WorkflowStatusCode.Failed => "failed",
        WorkflowStatusCode.Paused => "paused",
        _ => status.ToString().ToLowerInvariant(),
    };
}
