namespace MoviePipeline.Workflow;

/// <summary>The project status the API reports (see docs/api.md, "Status and progress").</summary>
[GenerateSerializer, Alias("MoviePipeline.WorkflowStatusCode")]
public enum WorkflowStatusCode
{
    Draft = 0,
    Parsing = 1,
    Parsed = 2,
    GeneratingStoryboard = 3,
    GeneratingVideos = 4,
    Assembling = 5,
    Completed = 6,
    Failed = 7,
    Paused = 8,
}
