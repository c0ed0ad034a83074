namespace MoviePipeline.Media.Speech;

/// <summary>Mono 16-bit PCM samples at a sample rate.</summary>
public sealed record PcmAudio(int SampleRate, short[] Samples)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}
