using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Speech;

/// <summary>
/// Speaks lines with espeak-ng: the voice cast for the character (<see cref="VoiceCasting"/>), shaped by the
/// parenthetical (<see cref="SpeechDelivery"/>), through the voice's filter if it has one. The text goes in on stdin,
/// never on a command line; the WAV is written with <c>-w</c> (a correct header), and stored as FLAC when the output
/// key ends in <c>.flac</c> (a third of the size, lossless).
/// </summary>
public sealed class EspeakSpeechSynthesizer(ExternalToolRunner runner, IArtifactStore store, IOptions<MediaOptions> options) : ISpeechSynthesizer
{
    /// <summary>Sample rate of espeak-ng's output.</summary>
    public const int SampleRate = 22050;

    /// <summary>Length of the silence written for a line with nothing to say ("...").</summary>
    public const double SilentLineSeconds = 0.5;

    public async Task<SynthesizedSpeech> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArtifactKeys.Validate(request.OutputKey);
        var voice = VoiceFor(request);
        var text = SpokenText(request.Line.Text, options.Value.MaxSpokenCharacters);

        using var scratch = ScratchFolder.Create(options.Value);
        var wav = scratch.File("line.wav");
        if (!text.Any(char.IsLetterOrDigit))
        {
            WavFile.Write(wav, new PcmAudio(SampleRate, new short[(int)(SampleRate * SilentLineSeconds)]));
        }
        else
        {
            await runner.RunAsync(
                new ExternalToolCommand("espeak-ng", options.Value.EspeakPath, [.. Arguments(voice), "-w", wav, "--stdin"])
                {
                    StandardInput = text,
                    ExecutableSetting = $"{MediaOptions.SectionName}:EspeakPath",
                },
                cancellationToken);
        }

        // The filter keeps the length; a key ending in .flac is stored compressed (lossless), in one ffmpeg run with it.
        var duration = WavFile.ReadDurationSeconds(wav);
        var compressed = request.OutputKey.EndsWith(".flac", StringComparison.OrdinalIgnoreCase);
        if (voice.Effect is not null || compressed)
            wav = await ProcessAsync(wav, voice.Effect, compressed, scratch, cancellationToken);
        await store.ImportFileAsync(request.OutputKey, wav, cancellationToken);
        return new SynthesizedSpeech(request.OutputKey, duration, voice, text);
    }

    /// <summary>The line through a filter (a telephone, a machine) and/or into FLAC, at espeak-ng's rate, mono.</summary>
    private async Task<string> ProcessAsync(string wav, string? effect, bool flac, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var processed = scratch.File(flac ? "line-out.flac" : "line-out.wav");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", options.Value.FfmpegPath,
            [
                "-hide_banner", "-nostdin", "-y", "-v", "error", "-i", wav, .. effect is null ? Array.Empty<string>() : ["-af", effect],
                "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-ac", "1",
                .. flac ? ["-c:a", "flac"] : new[] { "-c:a", "pcm_s16le" }, "-bitexact", processed,
            ])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        return processed;
    }

    /// <summary>Raise when this class speaks the same request differently.</summary>
    public const int Version = 3;

    public PieceInputs Inputs(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PieceInputs("speech", Version)
            .Add("voice", string.Join(' ', Arguments(VoiceFor(request))))
            .Add("effect", VoiceFor(request).Effect)
            .Add("text", SpokenText(request.Line.Text, options.Value.MaxSpokenCharacters));
    }

    /// <summary>The voice a request is spoken with: the character's, shaped by the parenthetical.</summary>
    public static SpeechVoice VoiceFor(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SpeechDelivery.Apply(request.Voice ?? VoiceCasting.For(request.Line.Voice, request.Cast), request.Line.Parenthetical);
    }

    /// <summary>The espeak-ng arguments for a voice, without input and output.</summary>
    public static IReadOnlyList<string> Arguments(SpeechVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        // -b 1: the stdin text is UTF-8. No -m: markup-looking text is spoken, never interpreted.
        return [.. voice.ToArguments(), "-b", "1"];
    }

    private static string SpokenText(string? text, int maxCharacters) => TextTools.Shorten(TextTools.Clean(text), maxCharacters);
}
