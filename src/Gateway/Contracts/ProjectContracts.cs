namespace MoviePipeline.Gateway.Contracts;

// The JSON shapes of docs/api.md's "Projects" section (camelCase on the wire).

// Description may be left out: the default keeps the OpenAPI document from marking it required.
public sealed record CreateProjectRequest(string Title, string ScriptContent, string? Description = null);

public sealed record CreateProjectResponse(long ProjectId);

/// <summary>An edit: the fields given replace the project's; those left out stay as they are.</summary>
public sealed record EditProjectRequest(string? Title = null, string? Description = null, string? ScriptContent = null);

public sealed record ProjectSummaryDto(
    long Id, string Title, string? Description, string Status, int Progress, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ProjectDto(
    long Id, long UserId, string Title, string? Description, string ScriptContent, string Status, int Progress,
    string? ErrorMessage, string? TrailerUrl, string? TrailerKey, DateTime CreatedAt, DateTime UpdatedAt, int Revision);
