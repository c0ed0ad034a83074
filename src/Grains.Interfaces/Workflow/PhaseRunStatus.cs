namespace MoviePipeline.Workflow;

[GenerateSerializer, Alias("MoviePipeline.PhaseRunStatus")]
public enum PhaseRunStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}
