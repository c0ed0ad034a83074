namespace MoviePipeline.Workflow;

/// <summary>The three phases, in the order the workflow runs them.</summary>
[GenerateSerializer, Alias("MoviePipeline.WorkflowPhase")]
public enum WorkflowPhase
{
    ScriptToTrailer = 1,
    TrailerToStoryboard = 2,
    StoryboardToMovie = 3,
}
