using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Media.Storyboard;

/// <summary>Draws a storyboard frame for a scene. The local implementation is <see cref="StoryboardRenderer"/>; a remote image service can replace it.</summary>
public interface IStoryboardRenderer
{
    /// <summary>Renders the frame as PNG; the same request always gives the same picture.</summary>
    Task<RenderedFrame> RenderAsync(FrameRequest request, CancellationToken cancellationToken = default);

    /// <summary>Everything that shapes the frame of <paramref name="request"/>: the name of the frame as a piece.</summary>
    PieceInputs Inputs(FrameRequest request);
}
