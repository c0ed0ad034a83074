using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>
/// Phase 3 with local media (configuration <c>Pipeline:Media = Local</c>): films each scene's storyboard frame into a
/// clip with espeak-ng speech and burned-in subtitles (<see cref="MovieAssembler"/>), then joins the clips into the
/// final MP4 and its SRT. Durations are what ffprobe reads. Lines, clips and the movie are pieces named by their
/// inputs, so a run makes only what no earlier run made; at the end, what the project no longer uses and has not used
/// for <see cref="RetentionOptions.RetentionPeriod"/> is deleted.
/// </summary>
public sealed partial class LocalMoviePhase(
    MovieAssembler assembler,
    IArtifactStore store,
    IOptions<MediaOptions> options,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<LocalMoviePhase> logger) : IStoryboardToMoviePhase
{
    private const double SpeechShare = 0.15;
    private const double ClipsShare = 0.9;

    public async Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trailer);
        ArgumentNullException.ThrowIfNull(storyboard);
        // Media work is shared fairly between projects (MediaWorkLimiter).
        using var owner = MediaWorkOwner.Begin(MediaWorkOwner.Project(context.ProjectId));
        var analysis = trailer.Analysis;
        var scenes = analysis.Scenes.OrderBy(s => s.Number).ToList();
        if (scenes.Count == 0)
            throw new PhaseFailedException("Phase 1 found no scenes, so there is no movie to make.", retryable: false);
        var frameKeys = FrameKeys(scenes, storyboard);
        var cast = analysis.Characters.Select(c => c.Name).ToList();
        var voices = VoiceCasting.Cast(analysis.Characters, scenes);

        var parallel = options.Value.MaxConcurrentWork;
        await context.ReportAsync(0, $"Speaking the lines of {scenes.Count} scenes.");
        IReadOnlyList<SceneClipResult> clips;
        FinalMovieResult movie;
        try
        {
            var plans = await BoundedWork.RunAsync(
                scenes,
                parallel,
                scene => assembler.PlanSceneAsync(new SceneClipRequest(context.ProjectId, scene) { FrameKey = frameKeys[scene.Number], Cast = cast, Voices = voices }),
                (done, plan) => context.ReportAsync(
                    SpeechShare * done / scenes.Count,
                    plan.IsMade
                        ? $"The clip of scene {plan.SceneNumber} was made before ({done} of {scenes.Count})."
                        : $"Spoke the lines of scene {plan.SceneNumber} ({done} of {scenes.Count})."));

            // The movie's sound track is encoded while the clips are filmed.
            (clips, movie) = await assembler.FilmAndJoinAsync(context.ProjectId, plans, async planned =>
            {
                var filmed = await BoundedWork.RunAsync(
                    planned,
                    parallel,
                    plan => assembler.FilmSceneAsync(plan),
                    (done, clip) => context.ReportAsync(
                        SpeechShare + ((ClipsShare - SpeechShare) * done / planned.Count),
                        clip.Reused
                            ? $"Clip of scene {clip.SceneNumber} was made before ({done} of {planned.Count})."
                            : $"Clip of scene {clip.SceneNumber} is ready ({done} of {planned.Count})."));
                await context.ReportAsync(ClipsShare, $"Joining {filmed.Length} clips into the movie.", assembling: true);
                return filmed;
            });
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, SceneOf(ex) is { } n ? $"The clip of scene {n} could not be made" : "The final movie could not be assembled");
        }

        await context.ReportAsync(0.99, $"The movie is ready ({movie.DurationSeconds:0.#} s).", assembling: true);
        var now = time.GetUtcNow().UtcDateTime;
        var sceneByNumber = scenes.ToDictionary(s => s.Number);
        var output = new MovieOutput(
            [.. clips.Select(c => new SceneClip(
                c.SceneNumber, c.ClipKey, ClipPrompt.Build(sceneByNumber[c.SceneNumber], analysis.Title, c.DurationSeconds),
                c.DurationSeconds, ClipStatus.Completed, null, now, now, c.Reused))],
            new FinalCut(movie.MovieKey, movie.SubtitlesKey, movie.DurationSeconds, MovieStatus.Completed, now, now, movie.Reused));
        await SweepAsync(context.ProjectId, trailer, storyboard, clips, movie);
        return output;
    }

    /// <summary>Deletes what none of this run's outputs uses and nothing has used for the retention period; never fails the run.</summary>
    private async Task SweepAsync(long projectId, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard, IReadOnlyList<SceneClipResult> clips, FinalMovieResult movie)
    {
        IEnumerable<string?> used =
        [
            trailer.TrailerKey, movie.MovieKey, movie.SubtitlesKey,
            .. trailer.DraftFrames.Select(f => f.ImageKey), .. storyboard.Select(f => f.ImageKey),
            .. clips.Select(c => c.ClipKey), .. clips.SelectMany(c => c.SpeechKeys),
        ];
        try
        {
            var unusedSince = time.GetUtcNow() - retention.Value.RetentionPeriod;
            var (files, bytes) = await PieceSweeper.SweepAsync(store, projectId, used.OfType<string>(), unusedSince);
            if (files > 0) LogSwept(projectId, files, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSweepFailed(ex, projectId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Project {ProjectId}: deleted {Files} unused files ({Bytes} bytes)")]
    private partial void LogSwept(long projectId, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId}: deleting unused files failed; the next run tries again")]
    private partial void LogSweepFailed(Exception ex, long projectId);

    /// <summary>The storyboard frame to film per scene; a scene without a usable one stops the phase, naming it.</summary>
    private static Dictionary<int, string> FrameKeys(List<AnalyzedScene> scenes, IReadOnlyList<SceneFrame> storyboard)
    {
        var keys = new Dictionary<int, string>();
        var missing = new List<string>();
        foreach (var scene in scenes)
        {
            var frame = storyboard.FirstOrDefault(f => f.SceneNumber == scene.Number);
            if (frame is { Status: FrameStatus.Completed, ImageKey: { } key })
                keys[scene.Number] = key;
            else
                missing.Add(frame?.ErrorMessage is { Length: > 0 } why ? $"scene {scene.Number} ({why})" : $"scene {scene.Number}");
        }

        if (missing.Count > 0)
        {
            // Phase 3 again would meet the same storyboard: not worth a retry.
            throw new PhaseFailedException(
                $"There is no storyboard frame to film for {string.Join("; ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more scenes" : "")}. " +
                "Check those scenes in the script, then create the project again.",
                retryable: false);
        }

        return keys;
    }

    private static int? SceneOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MediaAssemblyException { SceneNumber: { } scene })
                return scene;
        }

        return null;
    }
}
