using MoviePipeline.Media.Artifacts;
using MoviePipeline.Media.Storyboard;
using SkiaSharp;

namespace MoviePipeline.Media.Tests;

public sealed class FrameInspectorTests : IDisposable
{
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private FrameInspector Inspector => _media.Get<FrameInspector>();

    [Fact]
    public async Task Inspect_DistinctRenderedFrames_AreOk()
    {
        var (one, two) = await TwoFramesAsync();

        var verdicts = Inspector.InspectScenes(new Dictionary<int, byte[]?> { [1] = one, [2] = two });

        Assert.All(verdicts.Values, v => Assert.True(v.IsOk, v.Reason));
    }

    [Fact]
    public async Task InspectScenes_SameHeadingInManyScenes_NotTakenForCopies()
    {
        var renderer = _media.Get<IStoryboardRenderer>();
        var analysis = MediaHarness.Analysis([.. Enumerable.Range(1, 6).Select(n =>
            MediaHarness.Scene(n, n <= 3 ? "INT. KITCHEN - NIGHT" : "EXT. STREET - DAY", ["SARAH"], [], description: "Sarah waits."))]);
        var frames = new Dictionary<int, byte[]?>();
        foreach (var scene in analysis.Scenes)
            frames[scene.Number] = (await renderer.RenderAsync(FrameRequest.For(analysis, scene))).Png;

        var verdicts = Inspector.InspectScenes(frames);

        Assert.All(verdicts.Values, v => Assert.True(v.IsOk, v.Reason));
    }

    [Fact]
    public void Inspect_MissingFrame_IsMissing() => Assert.Equal(FrameProblem.Missing, Inspector.Inspect(null).Problem);

    [Fact]
    public async Task Inspect_TruncatedFrame_IsNotDecodable()
    {
        var (one, _) = await TwoFramesAsync();

        var verdict = Inspector.Inspect(one[..(one.Length / 2)]);

        Assert.Equal(FrameProblem.NotDecodable, verdict.Problem);
        Assert.Contains("truncated", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Inspect_CorruptedFrame_IsNotDecodable(int damage)
    {
        var (one, _) = await TwoFramesAsync();
        var bytes = damage switch
        {
            0 => [],
            1 => "this is not a picture"u8.ToArray(),
            _ => [.. one.Take(100)],
        };

        Assert.Equal(FrameProblem.NotDecodable, Inspector.Inspect(bytes).Problem);
    }

    [Fact]
    public void Inspect_BlankFrame_IsBlank()
    {
        var white = FrameImages.Uniform(1024, 576, SKColors.White);
        var grey = FrameImages.Uniform(1024, 576, new SKColor(0x80, 0x80, 0x80));

        Assert.Equal(FrameProblem.Blank, Inspector.Inspect(white).Problem);
        Assert.Equal(FrameProblem.Blank, Inspector.Inspect(grey).Problem);
    }

    [Fact]
    public void Inspect_WrongSize_SaysTheSize()
    {
        var verdict = Inspector.Inspect(FrameImages.Uniform(800, 600, SKColors.Red));

        Assert.Equal(FrameProblem.WrongSize, verdict.Problem);
        Assert.Contains("800x600", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectScenes_ExactCopy_FlagsTheLaterScene()
    {
        var (one, two) = await TwoFramesAsync();

        var verdicts = Inspector.InspectScenes(new Dictionary<int, byte[]?> { [3] = two, [1] = one, [2] = [.. one] });

        Assert.True(verdicts[1].IsOk);
        Assert.Equal(FrameProblem.Duplicate, verdicts[2].Problem);
        Assert.Equal(1, verdicts[2].DuplicateOfScene);
        Assert.True(verdicts[3].IsOk);
    }

    [Fact]
    public async Task Inspect_NearIdenticalCopy_IsDuplicate()
    {
        var (one, two) = await TwoFramesAsync();
        using var bitmap = FrameImages.Decode(one);
        bitmap.SetPixel(10, 10, SKColors.Magenta);
        var reencoded = FrameImages.Encode(bitmap, zlibLevel: 9);
        Assert.NotEqual(one, reencoded);

        var verdict = Inspector.Inspect(reencoded, new Dictionary<int, byte[]?> { [1] = one, [2] = two });

        Assert.Equal(FrameProblem.Duplicate, verdict.Problem);
        Assert.Equal(1, verdict.DuplicateOfScene);
        Assert.Contains("nearly identical", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectScenesAsync_RemovedFrameInStore_IsMissing()
    {
        var (one, two) = await TwoFramesAsync();
        var store = _media.Store;
        await store.WriteAsync(ArtifactKeys.StoryboardFrame(1, 1), one);
        await store.WriteAsync(ArtifactKeys.StoryboardFrame(1, 2), two);
        await store.DeleteAsync(ArtifactKeys.StoryboardFrame(1, 2));

        var verdicts = await Inspector.InspectScenesAsync(store, new Dictionary<int, string>
        {
            [1] = ArtifactKeys.StoryboardFrame(1, 1),
            [2] = ArtifactKeys.StoryboardFrame(1, 2),
        });

        Assert.True(verdicts[1].IsOk);
        Assert.Equal(FrameProblem.Missing, verdicts[2].Problem);
    }

    private async Task<(byte[] One, byte[] Two)> TwoFramesAsync()
    {
        var renderer = _media.Get<IStoryboardRenderer>();
        var one = await renderer.RenderAsync(new FrameRequest(MediaHarness.Scene(1, "INT. OFFICE - DAY", ["ALICE"], []), null, []));
        var two = await renderer.RenderAsync(new FrameRequest(MediaHarness.Scene(2, "EXT. BEACH - DUSK", ["BOB"], []), null, []));
        return (one.Png, two.Png);
    }
}
