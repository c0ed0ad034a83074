using MoviePipeline.Media.Tools;

namespace MoviePipeline.Media.Tests;

public sealed class ExternalToolTests : IDisposable
{
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    private ExternalToolRunner Runner => _media.Get<ExternalToolRunner>();

    [Fact]
    public async Task RunAsync_Arguments_ReachTheProgramVerbatim()
    {
        var result = await Runner.RunAsync(new ExternalToolCommand("echo", "/bin/echo", ["a  b", "$(whoami)", "'quoted'", "; ls"]));

        Assert.Equal("a  b $(whoami) 'quoted' ; ls\n", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_StandardInput_IsUtf8WithoutBom()
    {
        var result = await Runner.RunAsync(new ExternalToolCommand("cat", "/bin/cat", []) { StandardInput = "Ärger — ñ" });

        Assert.Equal("Ärger — ñ", result.StandardOutput);
    }

    [Fact]
    public async Task RunAsync_ToolFails_ExceptionCarriesExitCodeAndStderrTail()
    {
        var missing = Path.Combine(_media.Root, "no-such-input.png");

        var error = await Assert.ThrowsAsync<ExternalToolException>(() =>
            Runner.RunAsync(new ExternalToolCommand("ffmpeg", "ffmpeg", ["-hide_banner", "-nostdin", "-i", missing, "-f", "null", "-"])));

        Assert.Equal("ffmpeg", error.ToolName);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("No such file or directory", error.StandardErrorTail, StringComparison.Ordinal);
        Assert.Contains("ffmpeg failed with exit code", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LongStderr_KeepsOnlyTheTail()
    {
        var error = await Assert.ThrowsAsync<ExternalToolException>(() =>
            Runner.RunAsync(new ExternalToolCommand("sh", "/bin/sh", ["-c", "i=0; while [ $i -lt 3000 ]; do echo line $i >&2; i=$((i+1)); done; echo THE END >&2; exit 3"])));

        Assert.Equal(3, error.ExitCode);
        Assert.True(error.StandardErrorTail.Length <= 4096);
        Assert.EndsWith("THE END\n", error.StandardErrorTail, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0\n", error.StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsProcessTreeAndSaysSo()
    {
        var pidFile = Path.Combine(_media.Root, "child.pid");
        Directory.CreateDirectory(_media.Root);

        // A tool timeout long enough for a busy machine's shell to start 'sleep' and write its pid;
        // the deadline on the wait is far below the sleep, so a run that was not killed fails it.
        var error = await Assert.ThrowsAsync<ExternalToolException>(() => Runner.RunAsync(
            new ExternalToolCommand("sh", "/bin/sh", ["-c", $"sleep 600 & echo $! > {pidFile}; wait"]) { Timeout = TimeSpan.FromSeconds(3) })
            .WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.True(error.TimedOut);
        Assert.Null(error.ExitCode);
        Assert.Contains("took longer than", error.Message, StringComparison.Ordinal);
        var child = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await ExitedWithinAsync(child, TimeSpan.FromSeconds(10)), "The grandchild 'sleep' should be killed with the tree.");
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Runner.RunAsync(new ExternalToolCommand("sleep", "sleep", ["60"]), cancel.Token));
    }

    [Fact]
    public async Task RunAsync_MissingProgram_NamesSettingAndInstallScript()
    {
        var error = await Assert.ThrowsAsync<ExternalToolException>(() => Runner.RunAsync(
            new ExternalToolCommand("ffmpeg", "/nonexistent/ffmpeg", ["-version"]) { ExecutableSetting = "Media:FfmpegPath" }));

        Assert.Contains("Media:FfmpegPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/install-deps.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaWorkLimiter_LimitTwo_ThirdCallerWaitsForAFreeSlot()
    {
        using var limiter = new MediaWorkLimiter(2);
        var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();

        var third = limiter.AcquireAsync();
        Assert.False(third.IsCompleted);
        Assert.Equal(2, limiter.InUse);

        first.Dispose();
        first.Dispose();
        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, limiter.InUse);
    }

    [Fact]
    public async Task MediaWorkLimiter_TwoProjects_TakeTurnsInsteadOfQueueingBehindEachOther()
    {
        using var limiter = new MediaWorkLimiter(1);
        var held = await limiter.AcquireAsync("feature");

        // The feature queues three jobs, then a short script asks for one.
        var granted = new List<string>();
        var waits = new List<Task>();
        foreach (var owner in new[] { "feature", "feature", "feature", "short" })
        {
            var waiting = limiter.AcquireAsync(owner);
            waits.Add(TakeAndGiveBack(waiting, owner));
        }

        async Task TakeAndGiveBack(Task<MediaWorkLease> waiting, string owner)
        {
            using var lease = await waiting;
            lock (granted)
                granted.Add(owner);
        }

        held.Dispose();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        // The short script's one job is served second, not after the feature's whole queue.
        Assert.Equal(["feature", "short", "feature", "feature"], granted);
        Assert.Equal(0, limiter.InUse);
    }

    [Fact]
    public async Task MediaWorkLimiter_AShortScriptBesideAFeature_KeepsASlotWhileItHasWork()
    {
        using var limiter = new MediaWorkLimiter(2);
        var featureFirst = await limiter.AcquireAsync("feature");
        using var featureSecond = await limiter.AcquireAsync("feature");
        var featureThird = limiter.AcquireAsync("feature");
        var shortFirst = limiter.AcquireAsync("short");
        var shortSecond = limiter.AcquireAsync("short");

        // The feature's first job ends: the short script, holding nothing, gets the slot.
        featureFirst.Dispose();
        var shortLease = await shortFirst.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(featureThird.IsCompleted);

        // Its job ends: it holds fewer slots than the feature, so its next job goes first.
        shortLease.Dispose();
        using var second = await shortSecond.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(featureThird.IsCompleted);
        second.Dispose();
        using var third = await featureThird.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, limiter.InUse);
    }

    [Fact]
    public async Task MediaWorkLimiter_CancelledWaiter_LeavesTheQueueAndTheSlotGoesOn()
    {
        using var limiter = new MediaWorkLimiter(1);
        var held = await limiter.AcquireAsync("a");
        using var cancel = new CancellationTokenSource();
        var gaveUp = limiter.AcquireAsync("b", cancel.Token);
        var next = limiter.AcquireAsync("c");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        held.Dispose();
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, limiter.InUse);
    }

    [Fact]
    public async Task MediaWorkOwner_FlowsDownTheAwaits_AndEndsWithItsScope()
    {
        Assert.Equal("", MediaWorkOwner.Current);
        using (MediaWorkOwner.Begin(MediaWorkOwner.Project(7)))
        {
            await Task.Yield();
            Assert.Equal("project-7", await Task.Run(() => MediaWorkOwner.Current));
        }

        Assert.Equal("", MediaWorkOwner.Current);
    }

    [Fact]
    public async Task ExternalToolRunner_LimitOne_RunsToolsOneAtATime()
    {
        using var media = new MediaHarness(o => o.MaxConcurrentWork = 1);
        var runner = media.Get<ExternalToolRunner>();
        var limiter = media.Get<MediaWorkLimiter>();
        using var held = await limiter.AcquireAsync();

        var run = runner.RunAsync(new ExternalToolCommand("echo", "/bin/echo", ["hi"]));
        await Task.Yield();
        Assert.False(run.IsCompleted);

        held.Dispose();
        Assert.Equal("hi\n", (await run.WaitAsync(TimeSpan.FromSeconds(10))).StandardOutput);
    }

    private static async Task<bool> ExitedWithinAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            // Gone, or a zombie waiting for init to reap it.
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || (await File.ReadAllTextAsync(stat)).Contains(") Z ", StringComparison.Ordinal))
                return true;
            await Task.Delay(50);
        }

        return false;
    }
}
