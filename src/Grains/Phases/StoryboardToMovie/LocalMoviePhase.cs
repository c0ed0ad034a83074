using Microsoft.Extensions.Options;
using MoviePipeline.Media;
using MoviePipeline.Media.Video;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Phases.StoryboardToMovie;

/// <summary>
/// Phase 3 with local media (configuration <c>Pipeline:Media = Local</c>): films each scene's storyboard frame into a
/// clip with espeak-ng speech and burned-in subtitles (<see cref="MovieAssembler"/>), then joins the clips into the
/// final MP4 and its SRT. Durations are what ffprobe reads. Every output has a fixed key, so a rerun overwrites.
/// </summary>
public sealed class LocalMoviePhase(MovieAssembler assembler, IOptions<MediaOptions> options, TimeProvider time) : IStoryboardToMoviePhase
{
    private const double ClipsShare = 0.9;

    public async Task<MovieOutput> RunAsync(PhaseContext context, TrailerOutput trailer, IReadOnlyList<SceneFrame> storyboard)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trailer);
        ArgumentNullException.ThrowIfNull(storyboard);
        var analysis = trailer.Analysis;
        var scenes = analysis.Scenes.OrderBy(s => s.Number).ToList();
        if (scenes.Count == 0)
            throw new PhaseFailedException("Phase 1 found no scenes, so there is no movie to make.", retryable: false);
        var frameKeys = FrameKeys(scenes, storyboard);
        var cast = analysis.Characters.Select(c => c.Name).ToList();

        await context.ReportAsync(0, $"Making the clips of {scenes.Count} scenes.");
        SceneClipResult[] clips;
        try
        {
            clips = await BoundedWork.RunAsync(
                scenes,
                options.Value.MaxConcurrentWork,
                scene => assembler.RenderSceneClipAsync(new SceneClipRequest(context.ProjectId, scene) { FrameKey = frameKeys[scene.Number], Cast = cast }),
                (done, clip) => context.ReportAsync(
                    ClipsShare * done / scenes.Count,
                    $"Clip of scene {clip.SceneNumber} is ready ({done} of {scenes.Count})."));
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, SceneOf(ex) is { } n ? $"The clip of scene {n} could not be made" : "A scene's clip could not be made");
        }

        await context.ReportAsync(ClipsShare, $"Joining {clips.Length} clips into the movie.", assembling: true);
        FinalMovieResult movie;
        try
        {
            movie = await assembler.JoinAsync(context.ProjectId, [.. scenes.Select(s => s.Number)]);
        }
        catch (Exception ex) when (MediaFailures.IsMediaFailure(ex))
        {
            throw MediaFailures.ToPhaseFailure(ex, "The final movie could not be assembled");
        }

        await context.ReportAsync(0.99, $"The movie is ready ({movie.DurationSeconds:0.#} s).", assembling: true);
        var now = time.GetUtcNow().UtcDateTime;
        var sceneByNumber = scenes.ToDictionary(s => s.Number);
        return new MovieOutput(
            [.. clips.Select(c => new SceneClip(
                c.SceneNumber, c.ClipKey, ClipPrompt.Build(sceneByNumber[c.SceneNumber], analysis.Title, c.DurationSeconds),
                c.DurationSeconds, ClipStatus.Completed, null, now, now))],
            new FinalCut(movie.MovieKey, movie.SubtitlesKey, movie.DurationSeconds, MovieStatus.Completed, now, now));
    }

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
