using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Video;

/// <summary>
/// Phase 3's media work. Per scene: speak the dialogue, lay the lines out with small gaps, film the storyboard frame
/// with a slow camera move for the longer of the scene's estimate and its speech, burn in subtitles. Then join the
/// clips: video parts are copied with the concat demuxer (each given its exact duration) and one sound track, built
/// from the scenes' WAVs, is encoded once, so the movie is exactly as long as its clips (docs/media-facts.md §2).
/// Every step overwrites its own outputs, so a rerun after a crash is safe.
/// </summary>
public sealed class MovieAssembler(
    ExternalToolRunner runner,
    ISpeechSynthesizer speech,
    IArtifactStore store,
    MediaProbe probe,
    IOptions<MediaOptions> options)
{
    private const string SubtitlesFile = "scene.srt";

    /// <summary>Makes one scene's clip (plus its sound track and subtitles) and returns what ffprobe says of it.</summary>
    /// <exception cref="MediaAssemblyException">The frame is missing or a tool failed; the message names the scene.</exception>
    public async Task<SceneClipResult> RenderSceneClipAsync(SceneClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = request.Scene.Number;
        try
        {
            return await RenderSceneClipCoreAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is ExternalToolException or ArtifactNotFoundException or InvalidDataException or IOException)
        {
            throw new MediaAssemblyException($"The clip of scene {number} could not be made: {ex.Message}", ex) { SceneNumber = number };
        }
    }

    /// <summary>
    /// Joins the clips of <paramref name="sceneNumbers"/> (in that order, already rendered) into the final MP4 and SRT.
    /// Reads everything from the store, so it can run again after a crash without the clip results.
    /// </summary>
    /// <exception cref="MediaAssemblyException">A clip is missing or mismatched, or ffmpeg failed.</exception>
    public async Task<FinalMovieResult> JoinAsync(long projectId, IReadOnlyList<int> sceneNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sceneNumbers);
        if (sceneNumbers.Count == 0)
            throw new MediaAssemblyException("The movie has no scenes to join.");
        try
        {
            return await JoinCoreAsync(projectId, sceneNumbers, cancellationToken);
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
        var done = 0;
        var next = 0;
        Exception? failure = null;
        while (next < scenes.Count || running.Count > 0)
        {
            while (failure is null && next < scenes.Count && running.Count < parallel)
            {
                var scene = scenes[next++];
                running.Add(RenderSceneClipAsync(new SceneClipRequest(request.ProjectId, scene) { Cast = request.Cast }, stop.Token));
            }

            if (running.Count == 0)
                break;
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            if (finished.IsCompletedSuccessfully)
            {
                done++;
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

        var movie = await JoinAsync(request.ProjectId, [.. scenes.Select(s => s.Number)], cancellationToken);
        progress?.Report(new MovieProgress(1.0, done, scenes.Count, null));
        return movie;
    }

    private async Task<SceneClipResult> RenderSceneClipCoreAsync(SceneClipRequest request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var scene = request.Scene;
        var projectId = request.ProjectId;
        var frameKey = request.FrameKey ?? ArtifactKeys.StoryboardFrame(projectId, scene.Number);
        var framePath = store.GetLocalPath(frameKey);
        if (!File.Exists(framePath))
            throw new ArtifactNotFoundException($"its storyboard frame \"{frameKey}\" does not exist yet.") { Key = frameKey };

        using var scratch = ScratchFolder.Create(o);
        var loader = new PcmLoader(runner, o);
        var rate = PcmLoader.TrackSampleRate;

        // Speak each line, then place them one after another with small gaps.
        var placed = new List<(long Start, PcmAudio Audio)>();
        var cues = new List<SubtitleCue>();
        var cursor = o.SpeechLeadInSeconds;
        for (var i = 0; i < scene.Dialogue.Count; i++)
        {
            var line = scene.Dialogue[i];
            var spoken = await speech.SynthesizeAsync(
                new SpeechRequest(line, ArtifactKeys.SpeechLine(projectId, scene.Number, i + 1)) { Cast = request.Cast }, cancellationToken);
            var audio = await loader.LoadAsync(store.GetLocalPath(spoken.Key), scratch, cancellationToken);
            placed.Add(((long)Math.Round(cursor * rate), audio));
            var text = SrtDocument.SafeText($"{line.Character}: {line.Text}");
            cues.Add(new SubtitleCue(Seconds(cursor), Seconds(cursor + audio.DurationSeconds), text));
            cursor += audio.DurationSeconds + o.SpeechGapSeconds;
        }

        var speechEnd = placed.Count == 0 ? 0 : cursor - o.SpeechGapSeconds;
        var needed = placed.Count == 0 ? 0 : speechEnd + o.SpeechTailSeconds;
        var estimate = double.IsFinite(scene.DurationSeconds) && scene.DurationSeconds > 0
            ? Math.Clamp(scene.DurationSeconds, o.MinimumSceneSeconds, o.MaximumSceneSeconds)
            : o.MinimumSceneSeconds;
        var frames = (int)Math.Ceiling((Math.Max(estimate, needed) * o.FramesPerSecond) - 1e-6);
        var clipSeconds = (double)frames / o.FramesPerSecond;
        cues = StretchCues(cues, clipSeconds);

        // The sound track: silence with the lines laid in, exactly as long as the video.
        var track = new short[SlotSamples(frames, o.FramesPerSecond)];
        foreach (var (start, audio) in placed)
        {
            var count = (int)Math.Max(0, Math.Min(audio.Samples.Length, track.Length - start));
            if (count > 0)
                Array.Copy(audio.Samples, 0, track, start, count);
        }

        var trackPath = scratch.File("scene.wav");
        WavFile.Write(trackPath, new PcmAudio(rate, track));
        string? subtitlesPath = null;
        if (cues.Count > 0)
        {
            subtitlesPath = scratch.File(SubtitlesFile);
            await File.WriteAllTextAsync(subtitlesPath, SrtDocument.Format(cues), new UTF8Encoding(false), cancellationToken);
        }

        var clipPath = scratch.File("clip.mp4");
        var move = (CameraMove)((scene.Number - 1 + 4) % 4);
        await new StillClipEncoder(runner, o).EncodeAsync(
            new StillClip(framePath, frames, move, clipPath, scratch.Path)
            {
                AudioPath = trackPath,
                SubtitlesFileName = o.BurnInSubtitles && subtitlesPath is not null ? SubtitlesFile : null,
            },
            cancellationToken);
        var probed = await probe.ProbeAsync(clipPath, cancellationToken);

        // The clip goes in last: its presence means the scene is done.
        var audioKey = ArtifactKeys.SceneAudio(projectId, scene.Number);
        var subtitlesKey = ArtifactKeys.SceneSubtitles(projectId, scene.Number);
        var clipKey = ArtifactKeys.SceneClip(projectId, scene.Number);
        await store.ImportFileAsync(audioKey, trackPath, cancellationToken);
        if (subtitlesPath is not null)
            await store.ImportFileAsync(subtitlesKey, subtitlesPath, cancellationToken);
        else
            await store.DeleteAsync(subtitlesKey, cancellationToken);
        await store.ImportFileAsync(clipKey, clipPath, cancellationToken);

        return new SceneClipResult(scene.Number, clipKey, audioKey, subtitlesPath is null ? null : subtitlesKey,
            probed.DurationSeconds, frames, speechEnd <= 0 ? 0 : speechEnd - o.SpeechLeadInSeconds, cues);
    }

    private async Task<FinalMovieResult> JoinCoreAsync(long projectId, IReadOnlyList<int> sceneNumbers, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var scratch = ScratchFolder.Create(o);
        var loader = new PcmLoader(runner, o);

        // What each clip really holds, as ffprobe reads it (probed side by side; the limiter bounds them).
        var clips = await Task.WhenAll(sceneNumbers.Select(async scene =>
        {
            var key = ArtifactKeys.SceneClip(projectId, scene);
            var path = store.GetLocalPath(key);
            if (!File.Exists(path))
                throw new ArtifactNotFoundException($"scene {scene} has no clip yet (\"{key}\").") { Key = key };
            var probed = await probe.ProbeAsync(path, cancellationToken);
            var video = probed.VideoStreams.FirstOrDefault()
                ?? throw new InvalidDataException($"the clip of scene {scene} has no video stream.");
            if (video.Width != o.VideoWidth || video.Height != o.VideoHeight)
            {
                throw new InvalidDataException(
                    $"the clip of scene {scene} is {video.Width}x{video.Height}, but the movie is {o.VideoWidth}x{o.VideoHeight}; render that clip again.");
            }

            var frames = video.FrameCount is long n and > 0 ? (int)n : (int)Math.Round((video.DurationSeconds ?? probed.DurationSeconds) * o.FramesPerSecond);
            return (Scene: scene, Path: path, Frames: frames, Duration: probed.DurationSeconds);
        }));

        // One sound track for the whole movie, each scene's audio cut or padded to its clip's exact length.
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
                var audioPath = store.GetLocalPath(ArtifactKeys.SceneAudio(projectId, clip.Scene));
                var samples = File.Exists(audioPath) ? (await loader.LoadAsync(audioPath, scratch, cancellationToken)).Samples : [];
                var bytes = new byte[slot * 2];
                for (var i = 0; i < Math.Min(slot, samples.Length); i++)
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
                await track.WriteAsync(bytes, cancellationToken);
            }
        }

        // Subtitles: each scene's cues moved to where its clip starts.
        var cues = new List<SubtitleCue>();
        long offsetFrames = 0;
        foreach (var clip in clips)
        {
            var srt = await store.ReadAllBytesAsync(ArtifactKeys.SceneSubtitles(projectId, clip.Scene), cancellationToken);
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
                "-i", trackPath,
                "-map", "0:v:0", "-map", "1:a:0",
                "-c:v", "copy",
                .. StillClipEncoder.AudioCodecArguments(o),
                "-movflags", "+faststart",
                moviePath,
            ])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        var movie = await probe.ProbeAsync(moviePath, cancellationToken);

        var srtPath = scratch.File("movie.srt");
        await File.WriteAllTextAsync(srtPath, SrtDocument.Format(cues), new UTF8Encoding(false), cancellationToken);
        var srtKey = ArtifactKeys.FinalMovieSubtitles(projectId);
        var movieKey = ArtifactKeys.FinalMovie(projectId);
        await store.ImportFileAsync(srtKey, srtPath, cancellationToken);
        await store.ImportFileAsync(movieKey, moviePath, cancellationToken);
        return new FinalMovieResult(movieKey, srtKey, movie.DurationSeconds,
            [.. clips.Select(c => new KeyValuePair<int, double>(c.Scene, c.Duration))]);
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

    private static long SlotSamples(long frames, int fps) => (long)Math.Round((double)frames * PcmLoader.TrackSampleRate / fps);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    /// <summary>Quotes a path for an ffconcat "file" line: inside '...', a quote is written as '\''.</summary>
    private static string ConcatQuote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
