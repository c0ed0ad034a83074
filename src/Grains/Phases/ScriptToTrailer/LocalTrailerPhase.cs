using Microsoft.Extensions.Options;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;
using MoviePipeline.Projects;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.ScriptToTrailer;

/// <summary>
/// Phase 1 with local media (configuration <c>Pipeline:Media = Local</c>): understands the script, drafts a storyboard
/// frame per scene (attempt <see cref="FrameRequest.DraftAttempt"/>) and cuts the trailer from the trailer scenes'
/// drafts. Frames and trailer are pieces named by their inputs: a draft or trailer an earlier run made is reused.
/// </summary>
public sealed class LocalTrailerPhase(
    IScriptAnalyzer analyzer,
    IStoryboardRenderer renderer,
    IArtifactStore store,
    TrailerBuilder trailers,
    IOptions<MediaOptions> options,
    TimeProvider time) : IScriptToTrailerPhase
{
    private const double AnalysisShare = 0.05;
    private const double FramesShare = 0.65;

    public async Task<TrailerOutput> RunAsync(PhaseContext context, ProjectSnapshot project)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(project);
        // Media work is shared fairly between projects (MediaWorkLimiter).
        using var owner = MediaWorkOwner.Begin(MediaWorkOwner.Project(context.ProjectId));
        await context.ReportAsync(0, "Reading the script.");
        var analysis = await ScriptAnalysisStep.AnalyzeAsync(analyzer, project);
        var scenes = analysis.Scenes.OrderBy(s => s.Number).ToList();
        await context.ReportAsync(AnalysisShare,
            $"Found {scenes.Count} scenes and {analysis.Characters.Count} characters; drafting the storyboard frames.");

        var frames = await DraftFramesAsync(context, analysis, scenes);

        await context.ReportAsync(AnalysisShare + FramesShare, "Cutting the trailer.");
        var draftKeys = frames.ToDictionary(f => f.SceneNumber, f => f.ImageKey!);
        var request = TrailerRequest.For(context.ProjectId, analysis, (_, scene) => draftKeys[scene]) with { Tagline = project.Description };
        TrailerResult trailer;
        try
        {
            trailer = await trailers.CutAsync(context.ProjectId, request, new TrailerProgress(context, AnalysisShare + FramesShare));
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, "The trailer could not be made");
        }

        await context.ReportAsync(0.99, $"The trailer is ready ({trailer.DurationSeconds:0.#} s, {trailer.ShotCount} shots{(trailer.Reused ? ", as cut before" : "")}).");
        return new TrailerOutput(analysis, frames, trailer.Key, trailer.DurationSeconds, time.GetUtcNow().UtcDateTime, trailer.Reused);
    }

    private async Task<IReadOnlyList<SceneFrame>> DraftFramesAsync(PhaseContext context, ScriptAnalysis analysis, List<AnalyzedScene> scenes)
    {
        try
        {
            return await BoundedWork.RunAsync(
                scenes,
                options.Value.MaxConcurrentWork,
                async scene =>
                {
                    var request = FrameRequest.For(analysis, scene, FrameRequest.DraftAttempt);
                    var key = renderer.Inputs(request).FileKey(context.ProjectId, "png");
                    var reused = await store.FindAsync(key);
                    if (!reused)
                        await store.WriteAsync(key, (await renderer.RenderAsync(request)).Png);
                    var now = time.GetUtcNow().UtcDateTime;
                    return new SceneFrame(scene.Number, key, FramePrompt.Build(request), FrameStatus.Completed, now, now, Reused: reused);
                },
                (done, frame) => context.ReportAsync(
                    AnalysisShare + (FramesShare * done / scenes.Count),
                    frame.Reused
                        ? $"The frame of scene {frame.SceneNumber} was drawn before ({done} of {scenes.Count})."
                        : $"Drafted the frame of scene {frame.SceneNumber} ({done} of {scenes.Count})."));
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, "The storyboard drafts could not be made");
        }
    }

    /// <summary>Passes the trailer builder's progress on without waiting for the workflow (reports are advisory).</summary>
    private sealed class TrailerProgress(PhaseContext context, double start) : IProgress<double>
    {
        public void Report(double value) =>
            _ = context.ReportAsync(start + ((0.99 - start) * Math.Clamp(value, 0, 1)), "Cutting the trailer.");
    }
}
