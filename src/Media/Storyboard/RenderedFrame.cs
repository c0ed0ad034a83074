namespace MoviePipeline.Media.Storyboard;

/// <summary>A rendered storyboard frame: PNG bytes and the prompt it was drawn from.</summary>
public sealed record RenderedFrame(byte[] Png, string Prompt, int Width, int Height);
