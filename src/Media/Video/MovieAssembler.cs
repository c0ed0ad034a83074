using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Tools;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Video;

/// <summary>
/// Phase 3's media work. Per scene: speak the dialogue, lay the lines out with small gaps, film the storyboard frame
/// with a slow camera move for the longer of the scene's estimate and its speech, burn in subtitles. Then join the
/// clips: video parts are copied with the concat demuxer (each given its exact duration) and one sound track, built
/// from the scenes' WAVs, is encoded once, so the movie is exactly as long as its clips (docs/media-facts.md §2).
/// Lines, clips and the movie are pieces named by their inputs (docs/design.md, "Reuse by inputs"): what an earlier
/// run made is found and not made again, and a piece counts as made only once its manifest is written, last.
/// </summary>
public sealed class MovieAssembler(
    ExternalToolRunner runner,
    ISpeechSynthesizer speech,
    IArtifactStore store,
    MediaProbe probe,
    IOptions<MediaOptions> options)
{
    /// <summary>Raise when this class makes a clip of the same inputs differently.</summary>
    public const int ClipVersion = 3;

    /// <summary>Raise when this class joins the same clips differently.</summary>
    public const int MovieVersion = 1;

    private const string SubtitlesFile = "scene.srt";
    private const string AudioFile = "scene.flac";
    private const string ClipFile = "clip.mp4";
    private const string MovieFile = "movie.mp4";
    private const string MovieSubtitlesFile = "movie.srt";

    /// <summary>Makes one scene's clip (plus its sound track and subtitles), or finds it made, and returns what ffprobe said of it.</summary>
    /// <exception cref="MediaAssemblyException">The frame is missing or a tool failed; the message names the scene.</exception>
    public async Task<SceneClipResult> RenderSceneClipAsync(SceneClipRequest request, CancellationToken cancellationToken = default) =>
        await FilmSceneAsync(await PlanSceneAsync(request, cancellationToken), cancellationToken);

    /// <summary>
    /// The first half of a scene's clip: its lines spoken (or found spoken) and laid into the scene's sound track, its
    /// subtitles, its length in frames; or the clip, found made. The movie's sound track can be made from the plans
    /// while the clips are filmed.
    /// </summary>
    /// <exception cref="MediaAssemblyException">The frame is missing or a tool failed; the message names the scene.</exception>
    public Task<ScenePlan> PlanSceneAsync(SceneClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ForScene(request.Scene.Number, () => PlanCoreAsync(request, cancellationToken));
    }

    /// <summary>The second half: films the planned scene's frame with its sound track and subtitles (or returns the clip found made).</summary>
    /// <exception cref="MediaAssemblyException">A tool failed; the message names the scene.</exception>
    public Task<SceneClipResult> FilmSceneAsync(ScenePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ForScene(plan.SceneNumber, () => FilmCoreAsync(plan, cancellationToken));
    }

    private static async Task<T> ForScene<T>(int number, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is ExternalToolException or ArtifactNotFoundException or InvalidDataException or IOException)
        {
            throw new MediaAssemblyException($"The clip of scene {number} could not be made: {ex.Message}", ex) { SceneNumber = number };
        }
    }

    /// <summary>
    /// Joins <paramref name="clips"/> (in that order, already rendered) into the final MP4 and SRT, or finds them joined by
    /// an earlier run from the same clips. Reads everything from the store, so it can run again after a crash.
    /// </summary>
    /// <exception cref="MediaAssemblyException">A clip is missing or mismatched, or ffmpeg failed.</exception>
    public async Task<FinalMovieResult> JoinAsync(long projectId, IReadOnlyList<SceneClipResult> clips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
            throw new MediaAssemblyException("The movie has no scenes to join.");
        var piece = MoviePiece(projectId, clips.Select(c => (c.SceneNumber, PieceFolders.PieceOf(c.ClipKey) ?? c.ClipKey)));
        if (await FoundMovieAsync(piece, cancellationToken) is { } found)
            return found;
        return await ForMovie(async () =>
        {
            using var scratch = ScratchFolder.Create(options.Value);
            var sound = await EncodeSoundTrackAsync([.. clips.Select(c => (c.AudioKey, c.FrameCount))], scratch, cancellationToken);
            return await MuxAsync(clips, sound, piece, scratch, cancellationToken);
        });
    }

    /// <summary>
    /// Films the <paramref name="plans"/> with <paramref name="film"/> (the caller's bounded, reported way) and joins the
    /// clips into the movie, or finds the movie made. The movie's sound track is encoded from the plans while the
    /// clips are filmed: a run that makes one clip again waits for the longer of the two, not for both.
    /// </summary>
    /// <exception cref="MediaAssemblyException">A clip (naming its scene) or the movie could not be made.</exception>
    public async Task<(IReadOnlyList<SceneClipResult> Clips, FinalMovieResult Movie)> FilmAndJoinAsync(
        long projectId, IReadOnlyList<ScenePlan> plans, Func<IReadOnlyList<ScenePlan>, Task<IReadOnlyList<SceneClipResult>>> film,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(film);
        if (plans.Count == 0)
            throw new MediaAssemblyException("The movie has no scenes to join.");
        var piece = MoviePiece(projectId, plans.Select(p => (p.SceneNumber, p.Piece.Prefix.TrimEnd('/'))));
        if (await FoundMovieAsync(piece, cancellationToken) is { } found)
            return (await film(plans), found);

        using var scratch = ScratchFolder.Create(options.Value);
        var sound = ForMovie(() => EncodeSoundTrackAsync([.. plans.Select(p => (p.Piece.Key(AudioFile), p.FrameCount))], scratch, cancellationToken));
        var filmed = film(plans);
        try
        {
            await Task.WhenAll(sound, filmed);
        }
        catch (Exception) when (filmed.IsFaulted)
        {
            // Both have ended: a failed clip names its scene, so it is the one to report.
            await filmed;
        }
        var clips = await filmed;
        var soundPath = await sound;
        return (clips, await ForMovie(() => MuxAsync(clips, soundPath, piece, scratch, cancellationToken)));
    }

    /// <summary>The movie of these clips (by piece, in order) as a piece of the project.</summary>
    private PieceFolder MoviePiece(long projectId, IEnumerable<(int Scene, string ClipPiece)> clips)
    {
        var o = options.Value;
        var inputs = new PieceInputs("movies", MovieVersion)
            .Add("video", $"{o.VideoWidth}x{o.VideoHeight}@{o.FramesPerSecond} aac {o.AudioBitrateKbps}");
        foreach (var (scene, clipPiece) in clips)
            inputs.Add("clip", clipPiece).Add("scene", scene);
        return inputs.Folder(projectId);
    }

    private async Task<FinalMovieResult?> FoundMovieAsync(PieceFolder piece, CancellationToken cancellationToken) =>
        await store.FindAsync<MovieManifest>(piece, cancellationToken) is { } made
            ? new FinalMovieResult(piece.Key(MovieFile), piece.Key(MovieSubtitlesFile), made.DurationSeconds, made.ClipDurations, Reused: true)
            : null;

    private static async Task<T> ForMovie<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is ExternalToolException or ArtifactNotFoundException or InvalidDataException or IOException)
        {
            throw new MediaAssemblyException($"The final movie could not be assembled: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Renders every scene's clip (several at once, bounded by <see cref="MediaWorkLimiter"/>), then joins them.
    /// <paramref name="progress"/> hears after each clip and at the end, on the caller's context.
    /// </summary>
    public async Task<FinalMovieResult> AssembleAsync(MovieRequest request, IProgress<MovieProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenes = request.Scenes;
        if (scenes.Count == 0)
            throw new MediaAssemblyException("The movie has no scenes.");
        if (scenes.Select(s => s.Number).Distinct().Count() != scenes.Count)
            throw new MediaAssemblyException("Two scenes share a number; every scene needs its own number.");

        // The join costs about as much as a tenth of the clips.
        var joinWeight = Math.Max(1.0, scenes.Count * 0.1);
        var total = scenes.Count + joinWeight;
        var parallel = Math.Max(1, options.Value.MaxConcurrentWork);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<SceneClipResult>>();
        var rendered = new List<SceneClipResult>();
        var order = scenes.Select((scene, i) => (scene.Number, i)).ToDictionary(p => p.Number, p => p.i);
        var done = 0;
        var next = 0;
        Exception? failure = null;
        while (next < scenes.Count || running.Count > 0)
        {
            while (failure is null && next < scenes.Count && running.Count < parallel)
            {
                var scene = scenes[next++];
                running.Add(RenderSceneClipAsync(new SceneClipRequest(request.ProjectId, scene) { Cast = request.Cast, Voices = request.Voices }, stop.Token));
            }

            if (running.Count == 0)
                break;
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            if (finished.IsCompletedSuccessfully)
            {
                done++;
                rendered.Add(finished.Result);
                progress?.Report(new MovieProgress(done / total, done, scenes.Count, finished.Result));
            }
            else if (failure is null)
            {
                // Stop the other scenes too, then report the first failure.
                failure = finished.Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
                await stop.CancelAsync();
            }
        }

        if (failure is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        var movie = await JoinAsync(request.ProjectId, [.. rendered.OrderBy(c => order[c.SceneNumber])], cancellationToken);
        progress?.Report(new MovieProgress(1.0, done, scenes.Count, null));
        return movie;
    }

    private async Task<ScenePlan> PlanCoreAsync(SceneClipRequest request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var scene = request.Scene;
        var projectId = request.ProjectId;
        var frameKey = request.FrameKey ?? ArtifactKeys.StoryboardFrame(projectId, scene.Number);
        var frame = await store.ReadAllBytesAsync(frameKey, cancellationToken)
            ?? throw new ArtifactNotFoundException($"its storyboard frame \"{frameKey}\" does not exist yet.") { Key = frameKey };

        // The lines and the clip are pieces named by their inputs: a run makes only those no earlier run made.
        var lines = SpokenParts(scene, o)
            .Select(part => (part.First, Request: new SpeechRequest(part.Line, "") { Cast = request.Cast, Voice = request.Voices?.For(part.Line) }))
            .Select(part => (part.First, Request: part.Request with { OutputKey = speech.Inputs(part.Request).FileKey(projectId, "flac") }))
            .ToList();
        var frameHash = Convert.ToHexStringLower(SHA256.HashData(frame));
        var piece = ClipInputs(scene, frameHash, lines, o).Folder(projectId);
        var speechKeys = lines.Select(l => l.Request.OutputKey).ToList();
        if (await store.FindAsync<ClipManifest>(piece, cancellationToken) is { } made)
            return new ScenePlan(scene.Number, piece, speechKeys, made.FrameCount) { Made = made };

        using var scratch = ScratchFolder.Create(o);
        var loader = new PcmLoader(runner, o);
        var rate = PcmLoader.TrackSampleRate;

        // Speak each line (or find it spoken), then place them one after another with small gaps; a line's subtitles
        // are cut into cues a viewer can read (SubtitleSplitter).
        var placed = new List<(long Start, PcmAudio Audio)>();
        var cues = new List<SubtitleCue>();
        var cursor = o.SpeechLeadInSeconds;
        foreach (var (first, line) in lines)
        {
            if (!await store.FindAsync(line.OutputKey, cancellationToken))
                await speech.SynthesizeAsync(line, cancellationToken);
            var audio = await loader.LoadAsync(store.GetLocalPath(line.OutputKey), scratch, cancellationToken);
            placed.Add(((long)Math.Round(cursor * rate), audio));
            cues.AddRange(SubtitleSplitter.Split(SubtitleText(line.Line, first), Seconds(cursor), Seconds(cursor + audio.DurationSeconds)));
            cursor += audio.DurationSeconds + o.SpeechGapSeconds;
        }

        // The scene lasts its speech and the action beyond it (SceneDurationEstimator), or a title card's time.
        var speechEnd = placed.Count == 0 ? 0 : cursor - o.SpeechGapSeconds;
        var speechSeconds = speechEnd <= 0 ? 0 : speechEnd - o.SpeechLeadInSeconds;
        var needed = placed.Count == 0 ? 0 : speechEnd + o.SpeechTailSeconds;
        var frames = (int)Math.Ceiling((Math.Max(o.MinimumSceneSeconds, needed + ActionSeconds(scene, speechSeconds, o)) * o.FramesPerSecond) - 1e-6);
        var clipSeconds = (double)frames / o.FramesPerSecond;
        cues = StretchCues(cues, clipSeconds);

        // The sound track: silence with the lines laid in, exactly as long as the video. It and the subtitles go into
        // the clip's piece now (the piece is not whole until its manifest), for the movie's sound track to be made from.
        var track = new short[SlotSamples(frames, o.FramesPerSecond)];
        foreach (var (start, audio) in placed)
        {
            var count = (int)Math.Max(0, Math.Min(audio.Samples.Length, track.Length - start));
            if (count > 0)
                Array.Copy(audio.Samples, 0, track, start, count);
        }

        var trackPath = scratch.File("scene.wav");
        WavFile.Write(trackPath, new PcmAudio(rate, track));
        await store.ImportFileAsync(piece.Key(AudioFile), await CompressAsync(trackPath, scratch, cancellationToken), cancellationToken);
        if (cues.Count > 0)
            await store.WriteAsync(piece.Key(SubtitlesFile), new UTF8Encoding(false).GetBytes(SrtDocument.Format(cues)), cancellationToken);
        else
            await store.DeleteAsync(piece.Key(SubtitlesFile), cancellationToken);
        return new ScenePlan(scene.Number, piece, speechKeys, frames)
        {
            Frame = frame,
            FrameHash = frameHash,
            Cues = cues,
            SpeechSeconds = speechSeconds,
        };
    }

    private async Task<SceneClipResult> FilmCoreAsync(ScenePlan plan, CancellationToken cancellationToken)
    {
        var piece = plan.Piece;
        if (plan.Made is { } made)
            return Result(plan, made, reused: true);

        var o = options.Value;
        using var scratch = ScratchFolder.Create(o);
        var hasSubtitles = plan.Cues.Count > 0;
        var framePath = scratch.File("frame.png");
        await File.WriteAllBytesAsync(framePath, plan.Frame!, cancellationToken);
        if (hasSubtitles)
            File.Copy(store.GetLocalPath(piece.Key(SubtitlesFile)), scratch.File(SubtitlesFile));
        var clipPath = scratch.File(ClipFile);
        await new StillClipEncoder(runner, o).EncodeAsync(
            new StillClip(framePath, plan.FrameCount, MoveFor(plan.FrameHash!), clipPath, scratch.Path)
            {
                AudioPath = store.GetLocalPath(piece.Key(AudioFile)),
                SubtitlesFileName = o.BurnInSubtitles && hasSubtitles ? SubtitlesFile : null,
            },
            cancellationToken);
        var probed = await probe.ProbeAsync(clipPath, cancellationToken);

        // The manifest goes in last: its presence means the piece is whole.
        await store.ImportFileAsync(piece.Key(ClipFile), clipPath, cancellationToken);
        var manifest = new ClipManifest(probed.DurationSeconds, plan.FrameCount, plan.SpeechSeconds, hasSubtitles, plan.Cues);
        await store.CompleteAsync(piece, manifest, cancellationToken);
        return Result(plan, manifest, reused: false);
    }

    /// <summary>
    /// What shapes a scene's clip: the frame's content, each line's speech and subtitle, the time its action holds and
    /// the video settings. Not the scene's number or project, so a scene moved or copied keeps its clip.
    /// </summary>
    private PieceInputs ClipInputs(AnalyzedScene scene, string frameHash, List<(bool First, SpeechRequest Request)> lines, MediaOptions o)
    {
        var inputs = new PieceInputs("clips", ClipVersion)
            .Add("frame", frameHash)
            .Add("action-words", ActionWords(scene))
            .Add("title-card", scene.TitleCard is not null)
            .Add("scene-bounds", $"{o.MinimumSceneSeconds} {o.MaximumSceneSeconds}")
            .Add("video", $"{o.VideoWidth}x{o.VideoHeight}@{o.FramesPerSecond} {o.VideoPreset} crf {o.VideoQuality} aac {o.AudioBitrateKbps}")
            .Add("speech-timing", $"{o.SpeechLeadInSeconds} {o.SpeechGapSeconds} {o.SpeechTailSeconds}")
            .Add("burn-in", o.BurnInSubtitles);
        foreach (var (first, line) in lines)
            inputs.Add("line", Path.GetFileNameWithoutExtension(line.OutputKey)).Add("subtitle", SubtitleText(line.Line, first));
        return inputs;
    }

    /// <summary>
    /// What is spoken in a scene, in order: each line, a long one in parts of whole sentences (each spoken on its own, so
    /// nothing is cut and its subtitles keep time), then the narration: the scene's own, or, with
    /// <see cref="MediaOptions.Narration"/>, the action of a scene nobody speaks in. <c>First</c> marks a line's first part.
    /// </summary>
    private static IEnumerable<(bool First, DialogueLine Line)> SpokenParts(AnalyzedScene scene, MediaOptions o)
    {
        var narration = scene.Narration
            ?? (o.Narration && scene.Dialogue.Count == 0 && scene.TitleCard is null && scene.Description.Length > 0 ? scene.Description : null);
        var lines = scene.Dialogue.AsEnumerable();
        if (narration is not null)
        {
            lines = lines.Concat(narration.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(paragraph => new DialogueLine(VoiceCasting.NarratorName, null, paragraph, null, LineSource.VoiceOver)));
        }

        foreach (var line in lines)
        {
            var first = true;
            foreach (var part in TextTools.SentenceParts(line.Text, Math.Min(o.MaxSpokenCharacters, SpokenPartCharacters)))
            {
                yield return (first, line with { Text = part });
                first = false;
            }
        }
    }

    /// <summary>A spoken part of a long line is at most this long: its subtitles then keep time with the voice.</summary>
    private const int SpokenPartCharacters = 240;

    /// <summary>The time a scene's action holds the frame beyond its speech, bounded; a title card holds the shortest scene's time.</summary>
    private static double ActionSeconds(AnalyzedScene scene, double speechSeconds, MediaOptions o) =>
        scene.TitleCard is not null ? 0
            : Math.Min(o.MaximumSceneSeconds, SceneDurationEstimator.ActionSeconds(scene.Narration is null ? ActionWords(scene) : 0, speechSeconds));

    private static int ActionWords(AnalyzedScene scene) => scene.Description.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static SceneClipResult Result(ScenePlan plan, ClipManifest made, bool reused) =>
        new(plan.SceneNumber, plan.Piece.Key(ClipFile), plan.Piece.Key(AudioFile), made.HasSubtitles ? plan.Piece.Key(SubtitlesFile) : null,
            made.DurationSeconds, made.FrameCount, made.SpeechSeconds, made.Cues, plan.SpeechKeys, reused);

    /// <summary>A line's subtitle: its speaker's name before its first part; narration without a name.</summary>
    private static string SubtitleText(DialogueLine line, bool first) =>
        !first || (line.Character == VoiceCasting.NarratorName && line.Source == LineSource.VoiceOver) ? line.Text : $"{line.Character}: {line.Text}";

    /// <summary>The camera move, from the frame itself: varied from scene to scene, and the same wherever the scene stands.</summary>
    private static CameraMove MoveFor(string frameHash) => (CameraMove)(Convert.ToInt32(frameHash[..2], 16) % 4);

    /// <summary>What a clip piece's manifest records: what the clip's result needs beside its keys.</summary>
    internal sealed record ClipManifest(double DurationSeconds, int FrameCount, double SpeechSeconds, bool HasSubtitles, IReadOnlyList<SubtitleCue> Cues);

    /// <summary>What a movie piece's manifest records.</summary>
    private sealed record MovieManifest(double DurationSeconds, IReadOnlyList<KeyValuePair<int, double>> ClipDurations);

    /// <summary>
    /// The movie's sound track, encoded once: each scene's track cut or padded to its clip's exact length, one after
    /// another. Needs only the scenes' tracks and lengths, so it can be made while their clips are filmed.
    /// </summary>
    private async Task<string> EncodeSoundTrackAsync(IReadOnlyList<(string AudioKey, int Frames)> clips, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var loader = new PcmLoader(runner, o);
        // The scenes' tracks are decoded in a folder of their own, apart from the track being written.
        using var decoding = ScratchFolder.Create(o);
        var totalFrames = clips.Sum(c => (long)c.Frames);
        var trackPath = scratch.File("movie.wav");
        await using (var track = new FileStream(trackPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var totalSamples = SlotSamples(totalFrames, o.FramesPerSecond);
            await track.WriteAsync(WavFile.Header(PcmLoader.TrackSampleRate, totalSamples), cancellationToken);
            long framesSoFar = 0;
            foreach (var clip in clips)
            {
                var slot = SlotSamples(framesSoFar + clip.Frames, o.FramesPerSecond) - SlotSamples(framesSoFar, o.FramesPerSecond);
                framesSoFar += clip.Frames;
                var audioPath = store.GetLocalPath(clip.AudioKey);
                var samples = File.Exists(audioPath) ? (await loader.LoadAsync(audioPath, decoding, cancellationToken)).Samples : [];
                var bytes = new byte[slot * 2];
                for (var i = 0; i < Math.Min(slot, samples.Length); i++)
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
                await track.WriteAsync(bytes, cancellationToken);
            }
        }

        var soundPath = scratch.File("movie.m4a");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", o.FfmpegPath,
                ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", trackPath, .. StillClipEncoder.AudioCodecArguments(o), soundPath])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        return soundPath;
    }

    /// <summary>The clips' video, copied one after another, with the sound track and the subtitles: the movie piece, made whole.</summary>
    private async Task<FinalMovieResult> MuxAsync(
        IReadOnlyList<SceneClipResult> made, string soundPath, PieceFolder piece, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var o = options.Value;

        // What each clip holds was measured (ffprobe) when it was made, and its size is one of its inputs: no probe here,
        // so a movie joined again from clips made before costs its sound track and a copy of the video, nothing more.
        var clips = made.Select(result =>
        {
            var (scene, key) = (result.SceneNumber, result.ClipKey);
            var path = store.GetLocalPath(key);
            if (!File.Exists(path))
                throw new ArtifactNotFoundException($"scene {scene} has no clip yet (\"{key}\").") { Key = key };
            return (Scene: scene, Path: path, Frames: result.FrameCount, Duration: result.DurationSeconds, result.SubtitlesKey);
        }).ToList();

        // Subtitles: each scene's cues moved to where its clip starts.
        var cues = new List<SubtitleCue>();
        long offsetFrames = 0;
        foreach (var clip in clips)
        {
            var srt = clip.SubtitlesKey is null ? null : await store.ReadAllBytesAsync(clip.SubtitlesKey, cancellationToken);
            if (srt is not null)
            {
                var offset = Seconds((double)offsetFrames / o.FramesPerSecond);
                cues.AddRange(SrtDocument.Parse(Encoding.UTF8.GetString(srt)).Select(c => c.Shifted(offset)));
            }

            offsetFrames += clip.Frames;
        }

        // ffconcat with an exact duration per part: the demuxer then places every part exactly after the previous one.
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var clip in clips)
        {
            list.Append("file ").Append(ConcatQuote(clip.Path)).Append('\n');
            list.Append(CultureInfo.InvariantCulture, $"duration {(double)clip.Frames / o.FramesPerSecond:0.######}\n");
        }

        var listPath = scratch.File("clips.ffconcat");
        await File.WriteAllTextAsync(listPath, list.ToString(), new UTF8Encoding(false), cancellationToken);
        var moviePath = scratch.File("movie.mp4");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", o.FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-f", "concat", "-safe", "0", "-i", listPath,
                "-i", soundPath,
                "-map", "0:v:0", "-map", "1:a:0",
                "-c", "copy",
                "-movflags", "+faststart",
                moviePath,
            ])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        var movie = await probe.ProbeAsync(moviePath, cancellationToken);

        var srtPath = scratch.File("movie.srt");
        await File.WriteAllTextAsync(srtPath, SrtDocument.Format(cues), new UTF8Encoding(false), cancellationToken);
        await store.ImportFileAsync(piece.Key(MovieSubtitlesFile), srtPath, cancellationToken);
        await store.ImportFileAsync(piece.Key(MovieFile), moviePath, cancellationToken);
        var manifest = new MovieManifest(movie.DurationSeconds, [.. clips.Select(c => new KeyValuePair<int, double>(c.Scene, c.Duration))]);
        await store.CompleteAsync(piece, manifest, cancellationToken);
        return new FinalMovieResult(piece.Key(MovieFile), piece.Key(MovieSubtitlesFile), manifest.DurationSeconds, manifest.ClipDurations);
    }

    /// <summary>Subtitles stay up at least 1.2 s (short lines flash by otherwise), but never into the next cue or past the clip.</summary>
    private static List<SubtitleCue> StretchCues(List<SubtitleCue> cues, double clipSeconds)
    {
        var result = new List<SubtitleCue>(cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            var limit = i + 1 < cues.Count ? cues[i + 1].Start - TimeSpan.FromMilliseconds(40) : Seconds(clipSeconds);
            var end = cues[i].End < cues[i].Start + TimeSpan.FromSeconds(1.2) ? cues[i].Start + TimeSpan.FromSeconds(1.2) : cues[i].End;
            result.Add(cues[i] with { End = end > limit ? (limit > cues[i].End ? limit : cues[i].End) : end });
        }

        return result;
    }

    /// <summary>A scene's sound track as FLAC: lossless, and its silences cost next to nothing on disk.</summary>
    private async Task<string> CompressAsync(string wav, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var flac = scratch.File(AudioFile);
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", options.Value.FfmpegPath, ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", wav, "-c:a", "flac", "-bitexact", flac])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        return flac;
    }

    private static long SlotSamples(long frames, int fps) => (long)Math.Round((double)frames * PcmLoader.TrackSampleRate / fps);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    /// <summary>Quotes a path for an ffconcat "file" line: inside '...', a quote is written as '\''.</summary>
    private static string ConcatQuote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
