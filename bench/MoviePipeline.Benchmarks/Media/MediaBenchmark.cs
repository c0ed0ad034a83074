using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MoviePipeline.Benchmarks.Reporting;
using MoviePipeline.Media;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Phases;
using MoviePipeline.Phases.StoryboardToMovie;
using MoviePipeline.Screenplay;
using MoviePipeline.Workflow;

namespace MoviePipeline.Benchmarks.Media;

/// <summary>
/// Phase 3's media work (issue 5): seconds per scene through <see cref="LocalMoviePhase"/> with the real media
/// libraries, against the bare ffmpeg, ffprobe and espeak-ng commands it runs, replayed directly on the same inputs.
/// The overhead ratio is pipeline time / bare time. One work slot (MaxConcurrentWork = 1), so both sides run one
/// command at a time and the ratio compares like with like.
/// </summary>
public sealed class MediaBenchmark : IBenchmarkCommand
{
    private const long ProjectId = 5;
    private const int Runs = 3;

    public string Name => "media";

    public string Description => "Phase 3 media: seconds per scene, and overhead against the bare ffmpeg/espeak-ng commands";

    public async Task<string> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var smoke = options.Smoke;
        var sceneCount = smoke ? 1 : 4;
        var linesPerScene = smoke ? 1 : 2;
        var root = Path.Combine(Path.GetTempPath(), $"moviepipeline-media-bench-{Guid.NewGuid():N}");
        var artifactRoot = Path.Combine(root, "artifacts");
        var keptScratch = Path.Combine(root, "replay");
        try
        {
            var services = new ServiceCollection()
                .AddMoviePipelineMedia(o =>
                {
                    o.ArtifactRoot = artifactRoot;
                    o.MaxConcurrentWork = 1;
                    if (smoke)
                    {
                        (o.FrameWidth, o.FrameHeight, o.VideoWidth, o.VideoHeight, o.FramesPerSecond) = (192, 108, 192, 108, 10);
                    }
                })
                .AddSingleton(TimeProvider.System)
                .AddSingleton<LocalMoviePhase>();
            await using var provider = services.BuildServiceProvider();
            var media = provider.GetRequiredService<IOptions<MediaOptions>>().Value;
            var runner = provider.GetRequiredService<ExternalToolRunner>();
            var renderer = provider.GetRequiredService<IStoryboardRenderer>();
            var store = provider.GetRequiredService<IArtifactStore>();
            var phase = provider.GetRequiredService<LocalMoviePhase>();

            var report = new StringBuilder();
            report.Append("# Media benchmark").Append(smoke ? " (smoke run: figures are not meaningful)" : "").Append("\n\n");
            report.Append(MachineInfo.Describe());
            report.Append(CultureInfo.InvariantCulture, $"- ffmpeg: {await ToolVersionAsync(media.FfmpegPath, "-version", cancellationToken)}; espeak-ng: {await ToolVersionAsync(media.EspeakPath, "--version", cancellationToken)}\n\n");

            var analysis = new FountainScriptAnalyzer().Analyze(MediaScript.Generate(sceneCount, linesPerScene));
            var scenes = analysis.Scenes.OrderBy(s => s.Number).ToList();

            // Storyboard frames: phase 1/2's work, timed on their own and kept out of phase 3's figure.
            log.WriteLine($"Rendering {scenes.Count} storyboard frames ({media.FrameWidth}x{media.FrameHeight})...");
            var frameRuns = new List<double>();
            var storyboard = new List<SceneFrame>();
            for (var run = 0; run < Runs; run++)
            {
                storyboard.Clear();
                var stopwatch = Stopwatch.StartNew();
                foreach (var scene in scenes)
                {
                    var rendered = await renderer.RenderAsync(FrameRequest.For(analysis, scene), cancellationToken);
                    var key = ArtifactKeys.StoryboardFrame(ProjectId, scene.Number);
                    await store.WriteAsync(key, rendered.Png, cancellationToken);
                    storyboard.Add(new SceneFrame(scene.Number, key, rendered.Prompt, FrameStatus.Completed, DateTime.UtcNow, DateTime.UtcNow));
                }

                frameRuns.Add(stopwatch.Elapsed.TotalSeconds / scenes.Count);
            }

            var trailer = new TrailerOutput(analysis, storyboard, null, 0, DateTime.UtcNow);
            var context = new PhaseContext(new PhaseRun(ProjectId, WorkflowPhase.StoryboardToMovie, "media-bench", 1), _ => Task.CompletedTask);

            // First pass: warms up and records every command, keeping a copy of its scratch folder to replay it on.
            log.WriteLine("Recording phase 3's commands (warm-up run)...");
            var recorder = new CommandRecorder(Path.Combine(Path.GetFullPath(artifactRoot), ".scratch"), keptScratch);
            runner.Finished += recorder.Record;
            MovieOutput output;
            try
            {
                output = await phase.RunAsync(context, trailer, storyboard);
            }
            finally
            {
                runner.Finished -= recorder.Record;
            }

            var commands = recorder.Commands;

            // Timed passes: the whole phase, and the runner's own time per tool inside it.
            var pipelineRuns = new List<double>();
            var inPipelineRuns = new List<Dictionary<string, double>>();
            for (var run = 0; run < Runs; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log.WriteLine($"Phase 3 run {run + 1} of {Runs}...");
                var perTool = new Dictionary<string, double>();
                void Count(ExternalToolCommand command, ExternalToolResult result)
                {
                    lock (perTool)
                        perTool[command.ToolName] = perTool.GetValueOrDefault(command.ToolName) + result.Elapsed.TotalSeconds;
                }

                runner.Finished += Count;
                // A project of its own per run: in the same project every piece would be found made by the run before.
                var fresh = new PhaseContext(new PhaseRun(ProjectId + 1 + run, WorkflowPhase.StoryboardToMovie, $"media-bench-{run}", 1), _ => Task.CompletedTask);
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    output = await phase.RunAsync(fresh, trailer, storyboard);
                }
                finally
                {
                    runner.Finished -= Count;
                }

                pipelineRuns.Add(stopwatch.Elapsed.TotalSeconds);
                inPipelineRuns.Add(perTool);
            }

            // Bare passes: exactly the recorded argument lists, one after another, on the kept inputs.
            var bareRuns = new List<double>();
            var bareByTool = new List<Dictionary<string, double>>();
            for (var run = 0; run < Runs; run++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log.WriteLine($"Bare replay {run + 1} of {Runs} ({commands.Count} commands)...");
                var perTool = new Dictionary<string, double>();
                var total = 0.0;
                foreach (var recorded in commands)
                {
                    var seconds = (await BareCommandRunner.RunAsync(recorded.Command, cancellationToken)).TotalSeconds;
                    perTool[recorded.Command.ToolName] = perTool.GetValueOrDefault(recorded.Command.ToolName) + seconds;
                    total += seconds;
                }

                bareRuns.Add(total);
                bareByTool.Add(perTool);
            }

            var n = scenes.Count;
            var pipeline = new Figure(pipelineRuns.Select(s => s / n));
            var bare = new Figure(bareRuns.Select(s => s / n));
            var ratios = new Figure(pipelineRuns.Zip(bareRuns, (p, b) => p / b));
            var lines = scenes.Sum(s => s.Dialogue.Count);

            report.Append(CultureInfo.InvariantCulture,
                $"Input: a generated script of {n} scene(s) with {lines} dialogue lines, analysed with FountainScriptAnalyzer; video {media.VideoWidth}x{media.VideoHeight} at {media.FramesPerSecond} fps, x264 preset {media.VideoPreset}, frames {media.FrameWidth}x{media.FrameHeight}; ");
            report.Append(CultureInfo.InvariantCulture,
                $"the final movie lasts {output.Movie?.Duration ?? 0:F1} s. Artifacts in a temporary folder, deleted afterwards.\n\n");
            report.Append(CultureInfo.InvariantCulture,
                $"Phase 3 runs through `LocalMoviePhase` (MovieAssembler clips, then the join) with MaxConcurrentWork = 1, once to warm up and record its {commands.Count} commands, then {Runs} timed runs. ");
            report.Append("\"Bare\" replays the recorded ffmpeg, ffprobe and espeak-ng argument lists (same inputs, kept copies of the scratch files) directly with `Process`, one after another, and sums their start-to-exit times. ");
            report.Append("Each figure: median (min–max, spread) over the runs.\n\n");

            report.Append("| measure | value |\n|---|---:|\n");
            report.Append($"| phase 3 (pipeline), seconds per scene | {pipeline.Format("F2")} |\n");
            report.Append($"| bare commands, seconds per scene | {bare.Format("F2")} |\n");
            report.Append($"| overhead ratio, pipeline / bare (per run pair) | {ratios.Format("F2")} |\n");
            report.Append($"| storyboard frame render (not in phase 3), seconds per scene | {new Figure(frameRuns).Format("F3")} |\n\n");

            report.Append("## Per tool, seconds per scene (median over runs)\n\n");
            report.Append("\"Inside the pipeline\" is ExternalToolRunner's own measure of each run; the rest of the phase time is our own work (mixing speech, writing WAV and SRT files, the store) and waiting.\n\n");
            report.Append("| tool | commands per run | bare | inside the pipeline |\n|---|---:|---:|---:|\n");
            foreach (var tool in commands.Select(c => c.Command.ToolName).Distinct().Order(StringComparer.Ordinal))
            {
                var count = commands.Count(c => c.Command.ToolName == tool);
                var bareTool = new Figure(bareByTool.Select(d => d.GetValueOrDefault(tool) / n));
                var insideTool = new Figure(inPipelineRuns.Select(d => d.GetValueOrDefault(tool) / n));
                report.Append(CultureInfo.InvariantCulture, $"| {tool} | {count} | {bareTool.Median:F3} | {insideTool.Median:F3} |\n");
            }

            report.Append('\n').Append(MachineInfo.LoadAverageLine("at end"));
            report.Append("\nCommand: `dotnet run -c Release --project bench/MoviePipeline.Benchmarks -- media")
                .Append(smoke ? " --smoke" : "").Append("`\n");
            return report.ToString();
        }
        finally
        {
            try
            {
                if (Directory.Exists(root))
                    Directory.Delete(root, recursive: true);
            }
            catch (IOException ex)
            {
                log.WriteLine($"Could not delete {root}: {ex.Message}");
            }
        }
    }

    private static async Task<string> ToolVersionAsync(string executable, string flag, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, flag) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
                return "unknown";
            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return text.Split('\n').FirstOrDefault()?.Trim() ?? "unknown";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"not found ({ex.Message})";
        }
    }
}
