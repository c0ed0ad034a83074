namespace MoviePipeline.Gateway.Contracts;

/// <summary>
/// One change of a workflow as the event stream sends it (the <c>data:</c> of a <c>status</c>
/// event; its <c>id:</c> is <see cref="Version"/>). <see cref="ErrorMessage"/> is set when the
/// change is a failure.
/// </summary>
public sealed record WorkflowChangeDto(
    long ProjectId, long Version, DateTime At, string Status, int Progress, int? Phase, string? PhaseName,
    string Message, string? ErrorMessage);
