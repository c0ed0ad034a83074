namespace MoviePipeline.Media.Tools;

/// <summary>Whether ffmpeg decoded a whole file without an error, and what it complained about.</summary>
public sealed record DecodeCheck(bool DecodesCleanly, string Errors);
