using Microsoft.Extensions.Options;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Speech;

/// <summary>
/// Speaks lines with espeak-ng: one stable voice per character (<see cref="VoiceCasting"/>), shaped by the
/// parenthetical (<see cref="SpeechDelivery"/>). The text goes in on stdin, never on a command line, and the WAV is
/// written with <c>-w</c> (a correct header) before it moves into the store.
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
            if (voice.Effect is { } effect)
                wav = await ApplyEffectAsync(wav, effect, scratch, cancellationToken);
        }

        var duration = WavFile.ReadDurationSeconds(wav);
        await store.ImportFileAsync(request.OutputKey, wav, cancellationToken);
        return new SynthesizedSpeech(request.OutputKey, duration, voice, text);
    }

    /// <summary>The voice through a filter (a telephone, a machine), at espeak-ng's rate, as a 16-bit mono WAV.</summary>
    private async Task<string> ApplyEffectAsync(string wav, string effect, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var processed = scratch.File("line-effect.wav");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", options.Value.FfmpegPath,
                ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", wav, "-af", effect, "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "-ac", "1", "-c:a", "pcm_s16le", "-bitexact", processed])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath", WorkingDirectory = scratch.Path },
            cancellationToken);
        return processed;
    }

    /// <summary>Raise when this class speaks the same request differently.</summary>
    public const int Version = 2;

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
