namespace MoviePipeline.Media.Video;

/// <summary>The slow move over a still frame ("Ken Burns").</summary>
public enum CameraMove
{
    ZoomIn,
    ZoomOut,
    PanRight,
    PanLeft,
}
