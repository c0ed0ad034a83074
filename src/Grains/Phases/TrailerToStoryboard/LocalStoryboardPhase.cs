using Microsoft.Extensions.Options;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.TrailerToStoryboard;

/// <summary>
/// Phase 2 with local media (configuration <c>Pipeline:Media = Local</c>). Checks every scene's draft frame with
/// <see cref="FrameInspector"/> (exists, decodes, right size, not blank, not a copy of another scene's frame), keeps the
/// good ones and renders the poor or missing ones again with the more detailed prompt of the next attempt.
/// </summary>
/// <remarks>
/// "The storyboard frame" of a scene is the accepted draft itself, or the frame rendered again; both are pieces named
/// by their inputs, so a re-render an earlier run made is reused. Phase 3 films that key. A scene whose re-render is
/// poor too ends <see cref="FrameStatus.Failed"/> with the reason, and has no storyboard frame. The renderer is
/// deterministic, so a second run comes to the same result.
/// </remarks>
public sealed class LocalStoryboardPhase(
    IStoryboardRenderer renderer,
    IArtifactStore store,
    FrameInspector inspector,
    IOptions<MediaOptions> options,
    TimeProvider time) : ITrailerToStoryboardPhase
{
    private const double InspectionShare = 0.2;

    public async Task<IReadOnlyList<SceneFrame>> RunAsync(PhaseContext context, TrailerOutput trailer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trailer);
        // Media work is shared fairly between projects (MediaWorkLimiter).
        using var owner = MediaWorkOwner.Begin(MediaWorkOwner.Project(context.ProjectId));
        var analysis = trailer.Analysis;
        var scenes = analysis.Scenes.OrderBy(s => s.Number).ToList();
        if (scenes.Count == 0)
            throw new PhaseFailedException("Phase 1 found no scenes, so there is no storyboard to make.", retryable: false);

        try
        {
            await context.ReportAsync(0, $"Checking the {scenes.Count} draft frames.");
            var drafts = DraftKeys(context.ProjectId, trailer);
            var verdicts = await inspector.InspectScenesAsync(store, drafts);
            var poor = verdicts.Count(v => !v.Value.IsOk);
            await context.ReportAsync(InspectionShare, poor == 0
                ? "Every draft frame looks fine."
                : $"{poor} of {scenes.Count} draft frames need to be made again.");

            var frames = await BoundedWork.RunAsync(
                scenes,
                options.Value.MaxConcurrentWork,
                scene => FinishSceneAsync(context.ProjectId, analysis, scene, trailer, drafts[scene.Number], verdicts[scene.Number]),
                (done, frame) => context.ReportAsync(
                    InspectionShare + ((0.98 - InspectionShare) * done / scenes.Count),
                    frame.Status == FrameStatus.Completed
                        ? $"Storyboard frame of scene {frame.SceneNumber} is ready ({done} of {scenes.Count})."
                        : $"Storyboard frame of scene {frame.SceneNumber} failed ({done} of {scenes.Count})."));

            return await CheckRerendersAsync(frames, verdicts);
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, "The storyboard could not be made");
        }
    }

    /// <summary>Each scene's draft key; a scene phase 1 left without one is looked up at its attempt-1 key (and found missing).</summary>
    private static Dictionary<int, string> DraftKeys(long projectId, TrailerOutput trailer)
    {
        var keys = new Dictionary<int, string>();
        foreach (var scene in trailer.Analysis.Scenes)
        {
            var draft = trailer.DraftFrames.FirstOrDefault(f => f.SceneNumber == scene.Number);
            keys[scene.Number] = draft is { ImageKey: { } key } && ArtifactKeys.IsValid(key)
                ? key
                : ArtifactKeys.DraftFrame(projectId, scene.Number, FrameRequest.DraftAttempt);
        }

        return keys;
    }

    private async Task<SceneFrame> FinishSceneAsync(
        long projectId, ScriptAnalysis analysis, AnalyzedScene scene, TrailerOutput trailer, string draftKey, FrameInspection verdict)
    {
        var draft = trailer.DraftFrames.FirstOrDefault(f => f.SceneNumber == scene.Number);
        if (verdict.IsOk && await store.ExistsAsync(draftKey))
        {
            var prompt = draft?.Prompt is { Length: > 0 } p ? p : FramePrompt.Build(FrameRequest.For(analysis, scene, FrameRequest.DraftAttempt));
            return Frame(scene.Number, draftKey, prompt, FrameStatus.Completed, null, reused: draft?.Reused ?? false);
        }

        var attempt = AttemptOf(draftKey) + 1;
        var request = FrameRequest.For(analysis, scene, attempt);
        var key = renderer.Inputs(request).FileKey(projectId, "png");
        if (await store.FindAsync(key))
            return Frame(scene.Number, key, FramePrompt.Build(request), FrameStatus.Completed, null, reused: true);
        RenderedFrame rendered;
        try
        {
            rendered = await renderer.RenderAsync(request);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // The renderer choked on this scene: the scene fails, the others go on.
            return Frame(scene.Number, null, FramePrompt.Build(request), FrameStatus.Failed,
                $"{verdict.Reason} Rendering it again failed: {ex.Message}");
        }

        // Checked with the whole set afterwards (CheckRerendersAsync), which also catches copies of other scenes.
        await store.WriteAsync(key, rendered.Png);
        return Frame(scene.Number, key, rendered.Prompt, FrameStatus.Completed, null);
    }

    /// <summary>
    /// Checks the finished set when anything was rendered again: a re-rendered frame must pass every check, and must
    /// not copy another scene's frame. Of two copies, the re-rendered one is failed; drafts that were fine stay fine.
    /// </summary>
    private async Task<IReadOnlyList<SceneFrame>> CheckRerendersAsync(
        SceneFrame[] frames, IReadOnlyDictionary<int, FrameInspection> draftVerdicts)
    {
        var rerendered = draftVerdicts.Where(v => !v.Value.IsOk).Select(v => v.Key).ToHashSet();
        if (rerendered.Count == 0)
            return frames;

        var finished = frames.Where(f => f is { Status: FrameStatus.Completed, ImageKey: not null })
            .ToDictionary(f => f.SceneNumber, f => f.ImageKey!);
        var verdicts = await inspector.InspectScenesAsync(store, finished);
        var failed = new Dictionary<int, string>();
        foreach (var (scene, verdict) in verdicts.Where(v => !v.Value.IsOk))
        {
            if (rerendered.Contains(scene))
                failed[scene] = verdict.Reason;
            else if (verdict.DuplicateOfScene is { } original && rerendered.Contains(original))
                failed.TryAdd(original, $"The frame rendered again copies scene {scene}'s frame.");
        }

        var result = new List<SceneFrame>(frames.Length);
        foreach (var frame in frames)
        {
            if (failed.TryGetValue(frame.SceneNumber, out var reason))
            {
                result.Add(frame with
                {
                    ImageKey = null,
                    Status = FrameStatus.Failed,
                    ErrorMessage = $"{draftVerdicts[frame.SceneNumber].Reason} The frame rendered again is not usable either: {reason}",
                });
            }
            else
            {
                result.Add(frame);
            }
        }

        return result;
    }

    /// <summary>The attempt number in a draft key (<c>..._attempt_{a}.png</c>), or 1.</summary>
    private static int AttemptOf(string draftKey)
    {
        var name = Path.GetFileNameWithoutExtension(draftKey);
        var at = name.LastIndexOf("_attempt_", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(name.AsSpan(at + "_attempt_".Length), out var attempt) && attempt >= 1 ? attempt : 1;
    }

    private SceneFrame Frame(int scene, string? key, string prompt, FrameStatus status, string? error, bool reused = false)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new SceneFrame(scene, key, prompt, status, now, now, error, reused);
    }
}
