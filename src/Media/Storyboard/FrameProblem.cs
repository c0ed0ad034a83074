namespace MoviePipeline.Media.Storyboard;

/// <summary>Why a storyboard frame is not good enough (phase 2 re-renders such frames).</summary>
public enum FrameProblem
{
    None,
    Missing,
    NotDecodable,
    WrongSize,
    Blank,
    Duplicate,
}
