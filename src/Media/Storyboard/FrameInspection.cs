namespace MoviePipeline.Media.Storyboard;

/// <summary>The verdict on one frame.</summary>
/// <param name="Problem">What is wrong, or <see cref="FrameProblem.None"/>.</param>
/// <param name="Reason">A sentence a person understands, e.g. "The frame is a copy of scene 2's frame."</param>
/// <param name="DuplicateOfScene">For <see cref="FrameProblem.Duplicate"/>: the scene whose frame it copies.</param>
public sealed record FrameInspection(FrameProblem Problem, string Reason, int? DuplicateOfScene = null)
{
    public bool IsOk => Problem == FrameProblem.None;

    public static FrameInspection Ok { get; } = new(FrameProblem.None, "The frame looks fine.");
}
