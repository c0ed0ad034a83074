namespace MoviePipeline.Media.Tests;

/// <summary>The ffmpeg-heavy test classes run one after another, so two cores are not split across many encodes.</summary>
[CollectionDefinition(Name)]
public sealed class VideoCollection
{
    public const string Name = "Video";
}
