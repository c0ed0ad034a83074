namespace MoviePipeline.Media.Video;

/// <summary>One subtitle: shown from <paramref name="Start"/> to <paramref name="End"/>.</summary>
public sealed record SubtitleCue(TimeSpan Start, TimeSpan End, string Text)
{
    /// <summary>The same cue moved later by <paramref name="offset"/>.</summary>
    public SubtitleCue Shifted(TimeSpan offset) => this with { Start = Start + offset, End = End + offset };
}
