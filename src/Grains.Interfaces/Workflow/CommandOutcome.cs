namespace MoviePipeline.Workflow;

/// <summary>How a workflow command (start, pause, resume) was taken.</summary>
[GenerateSerializer, Alias("MoviePipeline.CommandOutcome")]
public enum CommandOutcome
{
    Accepted = 0,
    /// <summary>The project does not exist.</summary>
    NotFound = 1,
    /// <summary>The command does not fit the workflow's current state.</summary>
    Conflict = 2,
    /// <summary>The user has as many workflows running as they may; nothing was changed.</summary>
    LimitReached = 3,
}
