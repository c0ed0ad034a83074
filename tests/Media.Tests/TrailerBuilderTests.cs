using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Media.Tools;
using MoviePipeline.Media.Video;
using MoviePipeline.Screenplay;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Media.Tests;

[Collection(VideoCollection.Name)]
public sealed class TrailerBuilderTests : IDisposable
{
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task BuildAsync_ThreeFrames_H264AacFaststartBetween15And40Seconds()
    {
        var analysis = MediaHarness.Analysis(
        [
            MediaHarness.Scene(1, "INT. KITCHEN - NIGHT", ["SARAH"], []),
            MediaHarness.Scene(2, "EXT. STREET - DAY", ["MIKE"], []),
            MediaHarness.Scene(3, "EXT. BEACH - DUSK", ["ANNA"], []),
            MediaHarness.Scene(4, "INT. OFFICE - DAY", ["HARRIS"], []),
        ], 1, 3, 4);
        var renderer = _media.Get<IStoryboardRenderer>();
        foreach (var scene in analysis.Scenes)
            await _media.Store.WriteAsync(ArtifactKeys.StoryboardFrame(5, scene.Number), (await renderer.RenderAsync(FrameRequest.For(analysis, scene))).Png);
        await _media.Store.DeleteAsync(ArtifactKeys.StoryboardFrame(5, 4));
        var reports = new List<double>();

        var trailer = await _media.Get<TrailerBuilder>().BuildAsync(
            TrailerRequest.For(5, analysis) with { Tagline = "Some letters should never be opened." }, new Recorder(reports));

        Assert.Equal(ArtifactKeys.Trailer(5), trailer.Key);
        Assert.Equal(2, trailer.ShotCount);
        Assert.Equal([ArtifactKeys.StoryboardFrame(5, 4)], trailer.SkippedFrameKeys);
        Assert.InRange(trailer.DurationSeconds, 15, 40);
        var path = _media.Store.GetLocalPath(trailer.Key);
        var probe = _media.Get<MediaProbe>();
        var probed = await probe.ProbeAsync(path);
        Assert.Equal("h264", Assert.Single(probed.VideoStreams).CodecName);
        Assert.Equal("yuv420p", probed.VideoStreams[0].PixelFormat);
        Assert.Equal("aac", Assert.Single(probed.AudioStreams).CodecName);
        var atoms = Mp4Atoms.TopLevel(path);
        Assert.InRange(atoms.IndexOf("moov"), 0, atoms.IndexOf("mdat") - 1);
        var decode = await probe.CheckDecodesAsync(path);
        Assert.True(decode.DecodesCleanly, decode.Errors);
        Assert.Equal(1.0, reports[^1]);
    }

    [Fact]
    public async Task CutAsync_ScenesWithLines_TheTrailerCarriesThem()
    {
        RequiredMediaTools.EnsureInstalled();
        var analysis = MediaHarness.Analysis(
        [
            MediaHarness.Scene(1, "INT. KITCHEN - NIGHT", ["SARAH"], [new("SARAH", null, "Don't open that letter. Please, not tonight.")]),
            MediaHarness.Scene(2, "EXT. STREET - DAY", ["MIKE"], [new("MIKE", null, "It was never yours to keep."), new("MIKE", null, "Run.")]),
            MediaHarness.Scene(3, "EXT. BEACH - DUSK", ["ANNA"], []),
        ], 1, 2, 3);
        var renderer = _media.Get<IStoryboardRenderer>();
        foreach (var scene in analysis.Scenes)
            await _media.Store.WriteAsync(ArtifactKeys.StoryboardFrame(6, scene.Number), (await renderer.RenderAsync(FrameRequest.For(analysis, scene))).Png);

        var request = TrailerRequest.For(6, analysis);
        var trailer = await _media.Get<TrailerBuilder>().CutAsync(6, request);

        // The shortest line of two words or more speaks over its scene's shot; a silent scene's shot stays silent.
        Assert.Equal(["Don't open that letter. Please, not tonight.", "It was never yours to keep.", null], request.Lines.Select(l => l?.Text));
        var silent = await MovieSilence.StretchesAsync(_media.Store.GetLocalPath(trailer.Key));
        Assert.True(silent.Sum() < trailer.DurationSeconds - 2, $"{silent.Sum():0.0} of {trailer.DurationSeconds:0.0} s are silent: the lines are not heard.");
        var again = await _media.Get<TrailerBuilder>().CutAsync(6, request);
        Assert.True(again.Reused);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(50)]
    public void Plan_AnyNumberOfShots_LastsBetween15And40Seconds(int shots)
    {
        var options = new MediaOptions();

        var plan = TrailerBuilder.Plan(shots, options);

        var seconds = (double)(plan.TitleFrames + (plan.Shots * plan.ShotFrames) + plan.ClosingFrames) / options.FramesPerSecond;
        Assert.InRange(seconds, 15, 40);
        Assert.True(plan.Shots <= shots);
        Assert.Equal(shots > 0, plan.Shots > 0);
    }

    private sealed class Recorder(List<double> reports) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
