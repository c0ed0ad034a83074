using System.Text.Json;
using MoviePipeline.Phases;
using MoviePipeline.Projects;
using MoviePipeline.Screenplay;
using MoviePipeline.Workflow;

namespace MoviePipeline.Gateway.Contracts;

/// <summary>Turns grain records into docs/api.md's shapes.</summary>
public static class ApiMapper
{
    public static string MediaUrl(string key) => "/api/media/" + key;

    private static string? MediaUrlOrNull(string? key) => key is null ? null : MediaUrl(key);

    public static ProjectSummaryDto ToDto(this ProjectSummary p) =>
        new(p.Id, p.Title, p.Description, StatusNames.ToApi(p.Status), p.Progress, p.CreatedAt, p.UpdatedAt);

    public static ProjectDto ToDto(this ProjectSnapshot p, string? trailerKey) => new(
        p.Id, p.UserId, p.Title, p.Description, p.ScriptContent, StatusNames.ToApi(p.Workflow.Status),
        p.Workflow.Progress, p.Workflow.ErrorMessage, MediaUrlOrNull(trailerKey), trailerKey, p.CreatedAt,
        p.Workflow.UpdatedAt, p.Revision);

    public static WorkflowStatusDto ToDto(this WorkflowStatus s) => new(
        s.ProjectId, StatusNames.ToApi(s.Status), s.Progress, s.ErrorMessage, (int?)s.CurrentPhase,
        s.CurrentPhase is { } p ? PhasePlan.DisplayName(p) : null, s.CompletedPhases,
        s.Status == WorkflowStatusCode.Paused, s.PauseRequested, s.Attempt, s.Message,
        [.. s.Phases.Select(ToDto)], s.Version, s.StartedAt, s.CompletedAt, s.UpdatedAt, s.Revision);

    public static StartWorkflowResponse ToStartResponse(this WorkflowStatusDto s, string message) => new(
        true, message, s.ProjectId, s.Status, s.Progress, s.ErrorMessage, s.CurrentPhase, s.CurrentPhaseName,
        s.CompletedPhases, s.Paused, s.PauseRequested, s.Attempt, s.Message, s.Phases, s.Version, s.StartedAt,
        s.CompletedAt, s.UpdatedAt, s.Revision);

    public static WorkflowEventDto ToDto(this WorkflowEvent e) =>
        new(e.Version, e.At, StatusNames.ToApi(e.Status), e.Progress, (int?)e.Phase, e.Message, Math.Max(1, e.Revision));

    public static WorkflowChangeDto ToChangeDto(this WorkflowEvent e, long projectId) => new(
        projectId, e.Version, e.At, StatusNames.ToApi(e.Status), e.Progress, (int?)e.Phase,
        e.Phase is { } p ? PhasePlan.DisplayName(p) : null, e.Message,
        e.Status == WorkflowStatusCode.Failed ? e.Message : null);

    private static PhaseStatusDto ToDto(PhaseStatus p) => new(
        (int)p.Phase, PhasePlan.DisplayName(p.Phase), p.Status.ToString().ToLowerInvariant(), p.Attempts, p.Runs,
        p.StartedAt, p.CompletedAt, p.LastError, p.Work?.Made, p.Work?.Reused);

    /// <param name="movie">Phase 3's output: a clip made from this analysis (made after it) gives its scene's real length.</param>
    public static IReadOnlyList<SceneDto> ScenesOf(long projectId, TrailerOutput? output, MovieOutput? movie = null)
    {
        if (output is null) return [];
        var clipSeconds = (movie?.Clips ?? [])
            .Where(c => c.Status == ClipStatus.Completed && c.UpdatedAt >= output.CreatedAt)
            .ToDictionary(c => c.SceneNumber, c => c.Duration);
        return [.. output.Analysis.Scenes.OrderBy(s => s.Number).Select(s => new SceneDto(
            ScopedId.Of(projectId, s.Number), projectId, s.Number, s.Title, s.Description, s.Setting,
            JsonSerializer.Serialize(s.Characters), DialogueText(s.Dialogue),
            clipSeconds.GetValueOrDefault(s.Number, s.DurationSeconds), s.Number, output.CreatedAt, output.CreatedAt))];
    }

    public static IReadOnlyList<DescribedEntityDto> CharactersOf(long projectId, TrailerOutput? output) =>
        output is null ? [] : [.. output.Analysis.Characters.Select((c, i) => new DescribedEntityDto(
            ScopedId.Of(projectId, i + 1), projectId, c.Name, c.Description, c.VisualDescription, null, null,
            output.CreatedAt, output.CreatedAt))];

    public static IReadOnlyList<DescribedEntityDto> SettingsOf(long projectId, TrailerOutput? output) =>
        output is null ? [] : [.. output.Analysis.Settings.Select((s, i) => new DescribedEntityDto(
            ScopedId.Of(projectId, i + 1), projectId, s.Name, s.Description, s.VisualDescription, null, null,
            output.CreatedAt, output.CreatedAt))];

    public static StoryboardImageDto ToDto(this SceneFrame f, long projectId) => new(
        ScopedId.Of(projectId, f.SceneNumber), ScopedId.Of(projectId, f.SceneNumber), projectId,
        MediaUrlOrNull(f.ImageKey), f.ImageKey, f.Prompt, f.Status.ToString().ToLowerInvariant(), f.CreatedAt, f.UpdatedAt,
        f.ErrorMessage, f.Reused);

    public static GeneratedVideoDto ToDto(this SceneClip c, long projectId) => new(
        ScopedId.Of(projectId, c.SceneNumber), ScopedId.Of(projectId, c.SceneNumber), projectId,
        MediaUrlOrNull(c.VideoKey), c.VideoKey, c.Duration, c.Status.ToString().ToLowerInvariant(), c.ErrorMessage,
        c.CreatedAt, c.UpdatedAt, c.Prompt, c.Reused);

    public static FinalMovieDto ToDto(this FinalCut m, long projectId) => new(
        projectId, projectId, MediaUrlOrNull(m.MovieKey), m.MovieKey, m.Duration, m.Status.ToString().ToLowerInvariant(),
        m.CreatedAt, m.UpdatedAt, m.Reused);

    /// <summary>Dialogue lines as docs/api.md writes them.</summary>
    public static string DialogueText(IEnumerable<DialogueLine> lines) => string.Join('\n', lines.Select(l => l.ToString()));
}
