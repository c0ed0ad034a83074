using MoviePipeline.Media.Speech;
using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Video;

/// <summary>Reads a WAV as mono 16-bit PCM at the track's rate, converting with ffmpeg when it is in another format.</summary>
internal sealed class PcmLoader(ExternalToolRunner runner, MediaOptions options)
{
    /// <summary>Every sound track is built at espeak-ng's own rate, so its lines need no resampling.</summary>
    public const int TrackSampleRate = EspeakSpeechSynthesizer.SampleRate;

    public async Task<PcmAudio> LoadAsync(string path, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        if (WavFile.IsPcm16(path))
        {
            var audio = WavFile.Read(path);
            if (audio.SampleRate == TrackSampleRate)
                return audio;
        }

        var converted = scratch.File($"converted-{Guid.NewGuid():N}.wav");
        await runner.RunAsync(
            new ExternalToolCommand("ffmpeg", options.FfmpegPath,
                ["-hide_banner", "-nostdin", "-y", "-v", "error", "-i", path, "-ac", "1", "-ar", $"{TrackSampleRate}", "-c:a", "pcm_s16le", converted])
            { ExecutableSetting = $"{MediaOptions.SectionName}:FfmpegPath" },
            cancellationToken);
        try
        {
            return WavFile.Read(converted);
        }
        finally
        {
            // A feature converts hundreds of tracks into one scratch folder: each goes once it is read.
            File.Delete(converted);
        }
    }
}
