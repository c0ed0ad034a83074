using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Video;

/// <summary>
/// Cuts phase 1's trailer: a title card, each trailer frame with a slow pan or zoom and fades, a closing card;
/// 15 to 40 seconds, H.264 + AAC, faststart. Each shot carries its scene's line (<see cref="TrailerRequest.Lines"/>),
/// spoken in the character's voice and cut at the shot's end. Shots are encoded separately (bounded, in parallel) and
/// joined without re-encoding; the sound track is encoded once.
/// </summary>
public sealed class TrailerBuilder(
    ExternalToolRunner runner,
    TitleCardRenderer cards,
    ISpeechSynthesizer speech,
    IArtifactStore store,
    MediaProbe probe,
    IOptions<MediaOptions> options)
{
    public const double MinimumSeconds = 15;
    public const double MaximumSeconds = 40;
    public const double ClosingCardSeconds = 2.5;
    public const double MinimumShotSeconds = 2;
    public const double MaximumShotSeconds = 8;
    private const double FadeSeconds = 0.4;

    // A shot's line starts after its fade in and stops before its end.
    private const double LineLeadInSeconds = 0.3;
    private const double LineTailSeconds = 0.15;

    /// <summary>Builds the trailer; <paramref name="progress"/> hears 0-1 as shots finish.</summary>
    /// <exception cref="MediaAssemblyException">ffmpeg failed; the message says why.</exception>
    public Task<TrailerResult> BuildAsync(TrailerRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(request, [], progress, cancellationToken);

    private async Task<TrailerResult> BuildAsync(
        TrailerRequest request, IReadOnlyList<SpeechRequest?> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArtifactKeys.Validate(request.OutputKey);
        try
        {
            return await BuildCoreAsync(request, lines, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is ExternalToolException or IOException or InvalidDataException)
        {
            throw new MediaAssemblyException($"The trailer could not be made: {ex.Message}", ex);
        }
    }

    /// <summary>Raise when this class cuts the same inputs differently.</summary>
    public const int Version = 2;

    /// <summary>
    /// The trailer of <paramref name="request"/> as a piece of project <paramref name="projectId"/> (its
    /// <see cref="TrailerRequest.OutputKey"/> is not used): found when an earlier run cut it from the same frames,
    /// title and settings, cut otherwise.
    /// </summary>
    public async Task<TrailerResult> CutAsync(long projectId, TrailerRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var inputs = new PieceInputs("trailers", Version)
            .Add("title", request.Title)
            .Add("tagline", request.Tagline)
            .Add("video", $"{o.VideoWidth}x{o.VideoHeight}@{o.FramesPerSecond} {o.VideoPreset} crf {o.VideoQuality} aac {o.AudioBitrateKbps}")
            .Add("timing", $"{o.TrailerTitleSeconds} {o.TrailerTargetSeconds}");
        foreach (var key in request.FrameKeys)
        {
            // By content, so that the same frames under other names (another scene order, a copy) cut the same trailer.
            var frame = ArtifactKeys.IsValid(key) ? await store.ReadAllBytesAsync(key, cancellationToken) : null;
            inputs.Add("frame", frame is null ? "missing" : Convert.ToHexStringLower(SHA256.HashData(frame)));
        }

        // The lines over the shots, as speech pieces of the project (found spoken, or spoken when cut).
        var lines = request.FrameKeys.Select((_, i) => i < request.Lines.Count && request.Lines[i] is { } line
                ? new SpeechRequest(line, "") { Voice = request.Voices?.For(line) }
                : null)
            .Select(line => line is null ? null : line with { OutputKey = speech.Inputs(line).FileKey(projectId, "flac") })
            .ToList();
        foreach (var line in lines)
            inputs.Add("line", line is null ? "-" : Path.GetFileNameWithoutExtension(line.OutputKey));

        var piece = inputs.Folder(projectId);
        if (await store.FindAsync<TrailerManifest>(piece, cancellationToken) is { } made)
            return new TrailerResult(piece.Key(TrailerFile), made.DurationSeconds, made.ShotCount, made.SkippedFrameKeys, Reused: true);
        var cut = await BuildAsync(request with { OutputKey = piece.Key(TrailerFile) }, lines, progress, cancellationToken);

        await store.CompleteAsync(piece, new TrailerManifest(cut.DurationSeconds, cut.ShotCount, cut.SkippedFrameKeys), cancellationToken);
        return cut;
    }

    private const string TrailerFile = "trailer.mp4";

    private sealed record TrailerManifest(double DurationSeconds, int ShotCount, IReadOnlyList<string> SkippedFrameKeys);

    /// <summary>
    /// How long the opening card and each shot last, in frames, for <paramref name="shotCount"/> shots: aims at
    /// <see cref="MediaOptions.TrailerTargetSeconds"/> and always lands within 15-40 s. More shots than fit are thinned out evenly.
    /// </summary>
    public static (int TitleFrames, int ShotFrames, int ClosingFrames, int Shots) Plan(int shotCount, MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fps = options.FramesPerSecond;
        var cardsSeconds = options.TrailerTitleSeconds + ClosingCardSeconds;
        var maxShots = (int)Math.Floor((MaximumSeconds - cardsSeconds) / MinimumShotSeconds);
        var shots = Math.Clamp(shotCount, 0, maxShots);
        var titleSeconds = options.TrailerTitleSeconds;
        double shotSeconds = 0;
        if (shots > 0)
        {
            shotSeconds = Math.Clamp((options.TrailerTargetSeconds - cardsSeconds) / shots, MinimumShotSeconds, MaximumShotSeconds);
            if (cardsSeconds + (shots * shotSeconds) < MinimumSeconds)
                shotSeconds = (MinimumSeconds - cardsSeconds) / shots;
        }
        else
        {
            titleSeconds = MinimumSeconds - ClosingCardSeconds;
        }

        // Whole frames, rounded up so that the total never falls under the minimum.
        return ((int)Math.Ceiling(titleSeconds * fps), (int)Math.Ceiling(shotSeconds * fps), (int)Math.Ceiling(ClosingCardSeconds * fps), shots);
    }

    private async Task<TrailerResult> BuildCoreAsync(
        TrailerRequest request, IReadOnlyList<SpeechRequest?> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var available = new List<(string Path, SpeechRequest? Line)>();
        var skipped = new List<string>();
        for (var k = 0; k < request.FrameKeys.Count; k++)
        {
            var key = request.FrameKeys[k];
            if (ArtifactKeys.IsValid(key) && File.Exists(store.GetLocalPath(key)))
                available.Add((store.GetLocalPath(key), k < lines.Count ? lines[k] : null));
            else
                skipped.Add(key);
        }

        var plan = Plan(available.Count, o);
        var shots = Thin(available, plan.Shots);

        using var scratch = ScratchFolder.Create(o);
        var titleCard = scratch.File("title.png");
        var closingCard = scratch.File("closing.png");
        await File.WriteAllBytesAsync(titleCard, await cards.RenderAsync(request.Title, request.Tagline, cancellationToken), cancellationToken);
        await File.WriteAllBytesAsync(closingCard, await cards.RenderAsync(request.Title, "Coming soon", cancellationToken), cancellationToken);

        var parts = new List<StillClip> { new(titleCard, plan.TitleFrames, CameraMove.ZoomIn, scratch.File("part-000.mp4"), scratch.Path) { FadeSeconds = FadeSeconds } };
        for (var i = 0; i < shots.Count; i++)
        {
            var move = (CameraMove)(i % 4);
            parts.Add(new StillClip(shots[i].Path, plan.ShotFrames, move, scratch.File($"part-{i + 1:000}.mp4"), scratch.Path) { FadeSeconds = FadeSeconds });
        }

        parts.Add(new StillClip(closingCard, plan.ClosingFrames, CameraMove.ZoomOut, scratch.File($"part-{shots.Count + 1:000}.mp4"), scratch.Path) { FadeSeconds = FadeSeconds });

        // Encode the parts side by side; the work limiter keeps the machine from being swamped.
        var encoder = new StillClipEncoder(runner, o);
        var done = 0;
        var encodes = parts.Select(async part =>
        {
            await encoder.EncodeAsync(part, cancellationToken);
            progress?.Report(0.9 * Interlocked.Increment(ref done) / parts.Count);
        });
        await Task.WhenAll(encodes);

        var totalFrames = parts.Sum(p => p.FrameCount);
        var totalSeconds = (double)totalFrames / o.FramesPerSecond;
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var part in parts)
        {
            list.Append("file '").Append(Path.GetFileName(part.OutputPath)).Append("'\n");
            list.Append(CultureInfo.InvariantCulture, $"duration {(double)part.FrameCount / o.FramesPerSecond:0.######}\n");
        }

        var soundPath = await SoundTrackAsync(parts, shots.Select(s => s.Line).ToList(), scratch, cancellationToken);
        var listPath = scratch.File("parts.ffconcat");
        await File.WriteAllTextAsync(listPath, list.ToString(), new UTF8Encoding(false), cancellationToken);
        var output = scratch.File("trailer.mp4");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", o.FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-f", "concat", "-safe", "0", "-i", "parts.ffconcat",
                "-i", soundPath,
                "-map", "0:v:0", "-map", "1:a:0",
                "-c:v", "copy",
                .. StillClipEncoder.AudioCodecArguments(o),
                "-t", totalSeconds.ToString("0.######", CultureInfo.InvariantCulture),
                "-movflags", "+faststart",
                "trailer.mp4",
            ])
            { WorkingDirectory = scratch.Path, ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath" },
            cancellationToken);

        var probed = await probe.ProbeAsync(output, cancellationToken);
        await store.ImportFileAsync(request.OutputKey, output, cancellationToken);
        progress?.Report(1.0);
        return new TrailerResult(request.OutputKey, probed.DurationSeconds, shots.Count, skipped);
    }

    /// <summary>
    /// The trailer's sound: silence as long as its parts, with each shot's line laid in after the shot's fade in and
    /// cut before its end. Parts are <c>[title, shots…, closing]</c>; <paramref name="lines"/> are the shots'.
    /// </summary>
    private async Task<string> SoundTrackAsync(List<StillClip> parts, IReadOnlyList<SpeechRequest?> lines, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var rate = PcmLoader.TrackSampleRate;
        var track = new short[(int)Math.Round((double)parts.Sum(p => p.FrameCount) * rate / o.FramesPerSecond)];
        var loader = new PcmLoader(runner, o);
        long startFrame = parts[0].FrameCount;
        for (var i = 0; i < lines.Count; i++)
        {
            var shotFrames = parts[i + 1].FrameCount;
            if (lines[i] is { } line)
            {
                if (!await store.FindAsync(line.OutputKey, cancellationToken))
                    await speech.SynthesizeAsync(line, cancellationToken);
                var audio = await loader.LoadAsync(store.GetLocalPath(line.OutputKey), scratch, cancellationToken);
                var from = (int)Math.Round(((double)startFrame / o.FramesPerSecond + LineLeadInSeconds) * rate);
                var until = (int)Math.Round(((double)(startFrame + shotFrames) / o.FramesPerSecond - LineTailSeconds) * rate);
                var count = Math.Max(0, Math.Min(audio.Samples.Length, Math.Min(until, track.Length) - from));
                Array.Copy(audio.Samples, 0, track, from, count);
            }

            startFrame += shotFrames;
        }

        var path = scratch.File("trailer.wav");
        WavFile.Write(path, new PcmAudio(rate, track));
        return path;
    }

    /// <summary>Keeps <paramref name="count"/> items spread evenly over the list, first and last included.</summary>
    private static List<T> Thin<T>(List<T> items, int count)
    {
        if (items.Count <= count)
            return items;
        if (count <= 1)
            return [.. items.Take(count)];
        return [.. Enumerable.Range(0, count).Select(i => items[(int)Math.Round((double)i * (items.Count - 1) / (count - 1))])];
    }
}
