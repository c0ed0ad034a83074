namespace MoviePipeline.Gateway.Contracts;

// The JSON shapes of docs/api.md's "Workflow" section.

public sealed record StartWorkflowRequest(string? WorkflowType);

public sealed record PhaseStatusDto(
    int Phase, string Name, string Status, int Attempts, int Runs, DateTime? StartedAt, DateTime? CompletedAt,
    string? LastError, int? ScenesMade, int? ScenesReused);

/// <summary>The four fields the frontend reads (projectId, status, progress, errorMessage) and more.</summary>
public record WorkflowStatusDto(
    long ProjectId, string Status, int Progress, string? ErrorMessage, int? CurrentPhase, string? CurrentPhaseName,
    int CompletedPhases, bool Paused, bool PauseRequested, int Attempt, string? Message,
    IReadOnlyList<PhaseStatusDto> Phases, long Version, DateTime? StartedAt, DateTime? CompletedAt, DateTime UpdatedAt,
    int Revision);

/// <summary>The answer to start: <c>{success, message, ...status}</c>.</summary>
public sealed record StartWorkflowResponse(
    bool Success, string Message, long ProjectId, string Status, int Progress, string? ErrorMessage, int? CurrentPhase,
    string? CurrentPhaseName, int CompletedPhases, bool Paused, bool PauseRequested, int Attempt, string? StatusMessage,
    IReadOnlyList<PhaseStatusDto> Phases, long Version, DateTime? StartedAt, DateTime? CompletedAt, DateTime UpdatedAt,
    int Revision);

public sealed record WorkflowEventDto(long Version, DateTime At, string Status, int Progress, int? Phase, string Message, int Revision);

public sealed record HealthDto(string Status);
