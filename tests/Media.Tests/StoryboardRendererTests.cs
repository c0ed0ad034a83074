using System.Security.Cryptography;
using MoviePipeline.Media.Storyboard;
using MoviePipeline.Screenplay;
using SkiaSharp;

namespace MoviePipeline.Media.Tests;

public sealed class StoryboardRendererTests : IDisposable
{
    private static readonly string[] Cast = ["ALICE", "BOB", "CAROL"];
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private IStoryboardRenderer Renderer => _media.Get<IStoryboardRenderer>();

    [Fact]
    public async Task RenderAsync_Scene_DecodesAs1024x576Png()
    {
        var frame = await Renderer.RenderAsync(Request(Kitchen(["ALICE", "BOB"])));

        using var bitmap = FrameImages.Decode(frame.Png);
        Assert.Equal(1024, bitmap.Width);
        Assert.Equal(576, bitmap.Height);
        Assert.Equal((1024, 576), (frame.Width, frame.Height));
        Assert.True(frame.Png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }

    [Fact]
    public async Task RenderAsync_SameRequestTwice_ByteIdentical()
    {
        var request = Request(Kitchen(["ALICE", "BOB", "CAROL"]));

        var first = await Renderer.RenderAsync(request);
        var second = await Renderer.RenderAsync(request with { Cast = [.. Cast] });

        Assert.Equal(SHA256.HashData(first.Png), SHA256.HashData(second.Png));
        Assert.Equal(first.Prompt, second.Prompt);
    }

    [Fact]
    public async Task RenderAsync_CharacterAVersusB_CharacterDiffersAndBackgroundDoesNot()
    {
        var withAlice = await Renderer.RenderAsync(Request(Kitchen(["ALICE"])));
        var withBob = await Renderer.RenderAsync(Request(Kitchen(["BOB"])));

        using var a = FrameImages.Decode(withAlice.Png);
        using var b = FrameImages.Decode(withBob.Png);
        // One character stands in the middle; its body (coat) and head region must look different.
        Assert.True(FrameImages.DifferingShare(a, b, new SKRectI(462, 250, 562, 400)) > 0.15,
            "ALICE and BOB should be drawn differently.");
        // Away from the character the two frames are the same picture.
        Assert.Equal(0, FrameImages.DifferingShare(a, b, new SKRectI(0, 60, 300, 480)));
    }

    [Fact]
    public void CharacterAppearance_SameNameAnyScene_SameLook_AndCastMembersDiffer()
    {
        string[] cast = ["SARAH", "HARRIS", "MIKE", "ANNA", "DR. LEE", "MOM", "DAD", "THE STRANGER", "OFFICER KANE", "ZOE", "MAX", "EVE"];

        var looks = cast.Select(n => CharacterAppearance.For(n, cast)).ToList();

        Assert.Equal(CharacterAppearance.For("sarah ", cast), looks[0]);
        Assert.Equal(cast.Length, looks.Select(l => l.Coat).Distinct().Count());
        Assert.Equal(looks, cast.Select(n => CharacterAppearance.For(n, [.. cast.Reverse()])));
    }

    [Fact]
    public void CharacterAppearance_LargeCast_CoatAndHatPairsDiffer()
    {
        var cast = Enumerable.Range(1, 60).Select(i => $"EXTRA {i}").ToList();

        var looks = cast.Select(n => CharacterAppearance.For(n, cast)).ToList();

        Assert.Equal(cast.Count, looks.Select(l => (l.Coat, l.Headwear)).Distinct().Count());
    }

    [Fact]
    public async Task RenderAsync_NightInteriorVersusDayExterior_DifferentPalette()
    {
        var night = await Renderer.RenderAsync(Request(Kitchen(["ALICE"])));
        var day = await Renderer.RenderAsync(Request(MediaHarness.Scene(1, "EXT. PARK - DAY", ["ALICE"], [])));

        using var n = FrameImages.Decode(night.Png);
        using var d = FrameImages.Decode(day.Png);
        var area = new SKRectI(0, 50, 1024, 400);
        Assert.True(FrameImages.MeanLuminance(d, area) > FrameImages.MeanLuminance(n, area) + 40, "A day exterior should be much brighter than a night interior.");
    }

    [Fact]
    public async Task RenderAsync_SecondAttempt_MoreDetailedFrameAndPrompt()
    {
        var scene = Kitchen(["ALICE", "BOB"]);

        var draft = await Renderer.RenderAsync(Request(scene));
        var better = await Renderer.RenderAsync(Request(scene) with { Attempt = 2 });

        Assert.NotEqual(SHA256.HashData(draft.Png), SHA256.HashData(better.Png));
        Assert.StartsWith("Detailed", better.Prompt, StringComparison.Ordinal);
        Assert.True(better.Prompt.Length > draft.Prompt.Length);
        // Texture and shading add detail, which costs the PNG encoder bytes.
        Assert.True(better.Png.Length > draft.Png.Length);
    }

    [Fact]
    public void FramePrompt_Scene_NamesHeadingCharactersAndAction()
    {
        var analysis = MediaHarness.Analysis([Kitchen(["ALICE", "BOB"])]);
        var request = FrameRequest.For(analysis, analysis.Scenes[0]);

        var prompt = FramePrompt.Build(request);

        Assert.Contains("INT. KITCHEN - NIGHT", prompt, StringComparison.Ordinal);
        Assert.Contains("Interior, night, kitchen", prompt, StringComparison.Ordinal);
        Assert.Contains("ALICE", prompt, StringComparison.Ordinal);
        Assert.Contains("BOB", prompt, StringComparison.Ordinal);
        Assert.Contains("Action: Alice reads the letter.", prompt, StringComparison.Ordinal);
        // Nothing of where the scene stands or what the movie is called: the frame is the same wherever the scene goes.
        Assert.DoesNotContain("The Letter", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("scene 1", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_HostileText_StillRendersAFrame()
    {
        var scene = new AnalyzedScene(9, "\u0000INT. \u202E" + new string('X', 400), "\t\n", "", ["", " ", "ÄÖÜ 名前", "A", "B", "C", "D", "E", "F", "G"],
            [new DialogueLine("ÄÖÜ 名前", "((", "{\\fs99}<b>hi</b>")], double.NaN);

        var frame = await Renderer.RenderAsync(new FrameRequest(scene, null, []));

        using var bitmap = FrameImages.Decode(frame.Png);
        Assert.Equal(1024, bitmap.Width);
    }

    private static AnalyzedScene Kitchen(string[] characters) =>
        MediaHarness.Scene(1, "INT. KITCHEN - NIGHT", characters, [], description: "Alice reads the letter. Bob waits.");

    private static FrameRequest Request(AnalyzedScene scene) =>
        new(scene, null, []) { Cast = Cast };
}
