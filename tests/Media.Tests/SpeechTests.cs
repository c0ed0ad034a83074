using System.Security.Cryptography;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Speech;
using MoviePipeline.Screenplay;

namespace MoviePipeline.Media.Tests;

public sealed class SpeechTests : IDisposable
{
    private static readonly string[] Cast = ["SARAH", "HARRIS"];
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private ISpeechSynthesizer Speech => _media.Get<ISpeechSynthesizer>();

    [Fact]
    public void VoiceCasting_TwoCharacters_DifferentEspeakArguments()
    {
        var sarah = VoiceCasting.For("SARAH", Cast);
        var harris = VoiceCasting.For("HARRIS", Cast);

        Assert.NotEqual(sarah.Variant, harris.Variant);
        Assert.NotEqual(EspeakSpeechSynthesizer.Arguments(sarah), EspeakSpeechSynthesizer.Arguments(harris));
        Assert.Equal(sarah, VoiceCasting.For(" Sarah", Cast));
    }

    [Fact]
    public void VoiceCasting_CastOfThirteen_AllVariantsDiffer()
    {
        var cast = Enumerable.Range(1, 13).Select(i => $"PERSON {i}").ToList();

        Assert.Equal(13, cast.Select(n => VoiceCasting.For(n, cast).Variant).Distinct().Count());
    }

    [Fact]
    public void VoiceCasting_LargeCast_VariantAndPitchPairsDiffer()
    {
        var cast = Enumerable.Range(1, 100).Select(i => $"EXTRA {i}").ToList();

        var voices = cast.Select(n => VoiceCasting.For(n, cast)).ToList();

        Assert.Equal(cast.Count, voices.Select(v => (v.Variant, v.Pitch)).Distinct().Count());
    }

    [Fact]
    public async Task SynthesizeAsync_TwoCharacters_DifferentAudio()
    {
        const string text = "We have to leave before midnight.";

        var sarah = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("SARAH", null, text), ArtifactKeys.SpeechLine(1, 1, 1)) { Cast = Cast });
        var harris = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("HARRIS", null, text), ArtifactKeys.SpeechLine(1, 1, 2)) { Cast = Cast });

        var a = await _media.Store.ReadAllBytesAsync(sarah.Key);
        var b = await _media.Store.ReadAllBytesAsync(harris.Key);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(b));
        Assert.InRange(sarah.DurationSeconds, 1.0, 6.0);
        Assert.InRange(harris.DurationSeconds, 1.0, 6.0);
        Assert.Equal(sarah.DurationSeconds, WavFile.ReadDurationSeconds(_media.Store.GetLocalPath(sarah.Key)), 3);
        Assert.Equal("RIFF"u8.ToArray(), a[..4]);
    }

    [Fact]
    public async Task SynthesizeAsync_SameLineTwice_SameAudio()
    {
        var line = new DialogueLine("SARAH", "quietly", "Stay here.");

        var first = await Speech.SynthesizeAsync(new SpeechRequest(line, ArtifactKeys.SpeechLine(1, 2, 1)) { Cast = Cast });
        var second = await Speech.SynthesizeAsync(new SpeechRequest(line, ArtifactKeys.SpeechLine(1, 2, 2)) { Cast = Cast });

        Assert.Equal(await _media.Store.ReadAllBytesAsync(first.Key), await _media.Store.ReadAllBytesAsync(second.Key));
    }

    [Theory]
    [InlineData("whispering")]
    [InlineData("(whispers)")]
    public void SpeechDelivery_Whisper_UsesWhisperVariant(string parenthetical)
    {
        var voice = VoiceCasting.For("HARRIS", Cast);

        var shaped = SpeechDelivery.Apply(voice, parenthetical);

        Assert.StartsWith("whisper", shaped.Variant, StringComparison.Ordinal);
        Assert.Equal(voice.Language, shaped.Language);
    }

    [Fact]
    public void SpeechDelivery_ShoutingAngrilyQuietly_ShapeLoudnessAndSpeed()
    {
        var voice = VoiceCasting.For("SARAH", Cast);

        var shouting = SpeechDelivery.Apply(voice, "shouting");
        var angrily = SpeechDelivery.Apply(voice, "angrily");
        var quietly = SpeechDelivery.Apply(voice, "quietly");

        Assert.True(shouting.Amplitude > voice.Amplitude);
        Assert.True(angrily.Amplitude > voice.Amplitude && angrily.WordsPerMinute > voice.WordsPerMinute);
        Assert.True(quietly.Amplitude < voice.Amplitude && quietly.WordsPerMinute < voice.WordsPerMinute);
        Assert.Equal(voice, SpeechDelivery.Apply(voice, "beat"));
        Assert.Equal(voice, SpeechDelivery.Apply(voice, null));
    }

    [Fact]
    public async Task SynthesizeAsync_Whispering_SoundsDifferentFromPlain()
    {
        var plain = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("SARAH", null, "Come closer."), ArtifactKeys.SpeechLine(1, 3, 1)));
        var whisper = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("SARAH", "whispering", "Come closer."), ArtifactKeys.SpeechLine(1, 3, 2)));

        Assert.NotEqual(plain.Voice.VoiceName, whisper.Voice.VoiceName);
        Assert.NotEqual(await _media.Store.ReadAllBytesAsync(plain.Key), await _media.Store.ReadAllBytesAsync(whisper.Key));
    }

    [Fact]
    public async Task SynthesizeAsync_ShellMetacharacters_AreSpokenNotRun()
    {
        var marker = Path.Combine(_media.Root, "pwned");
        var text = $"$(touch {marker}) `touch {marker}`; touch {marker} | cat && echo -w /etc/x";

        var spoken = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("--help", "-v", text), ArtifactKeys.SpeechLine(1, 4, 1)));

        Assert.False(File.Exists(marker));
        Assert.True(spoken.DurationSeconds > 2, "The whole line should have been spoken.");
    }

    [Fact]
    public async Task SynthesizeAsync_NothingToSay_WritesShortSilence()
    {
        var spoken = await Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("SARAH", null, " ... "), ArtifactKeys.SpeechLine(1, 5, 1)));

        Assert.Equal(EspeakSpeechSynthesizer.SilentLineSeconds, spoken.DurationSeconds, 3);
        Assert.All(WavFile.Read(_media.Store.GetLocalPath(spoken.Key)).Samples, s => Assert.Equal(0, s));
    }

    [Fact]
    public async Task SynthesizeAsync_BadOutputKey_IsRefused() =>
        await Assert.ThrowsAsync<InvalidArtifactKeyException>(() =>
            Speech.SynthesizeAsync(new SpeechRequest(new DialogueLine("SARAH", null, "Hi."), "../../escape.wav")));
}
