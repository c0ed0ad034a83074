using MoviePipeline.Media.Tools;

namespace MoviePipeline.Benchmarks.Media;

/// <summary>One command the pipeline ran, with its paths moved to a kept copy of its scratch folder, and its time in the pipeline.</summary>
public sealed record RecordedCommand(ExternalToolCommand Command, TimeSpan PipelineElapsed);
