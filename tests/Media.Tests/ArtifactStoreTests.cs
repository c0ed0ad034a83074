using MoviePipeline.Media.Artifacts;

namespace MoviePipeline.Media.Tests;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly MediaHarness _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task WriteAsync_Bytes_ReadBackWithInfo()
    {
        var store = _media.Store;
        var key = ArtifactKeys.StoryboardFrame(12, 3);
        byte[] content = [1, 2, 3, 4, 5];

        await store.WriteAsync(key, content);

        Assert.True(await store.ExistsAsync(key));
        Assert.Equal(content, await store.ReadAllBytesAsync(key));
        var info = await store.GetInfoAsync(key);
        Assert.NotNull(info);
        Assert.Equal(5, info.Length);
        Assert.Equal("image/png", info.ContentType);
        Assert.InRange(info.LastModified, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(Path.Combine(_media.Root, "projects", "12", "storyboard", "scene_3.png"), store.GetLocalPath(key));
    }

    [Fact]
    public async Task WriteAsync_Stream_ReplacesOldContent()
    {
        var store = _media.Store;
        var key = ArtifactKeys.Trailer(1);
        await store.WriteAsync(key, new byte[] { 9, 9, 9 });

        await store.WriteAsync(key, new MemoryStream([7, 8]));

        await using var read = store.OpenRead(key);
        var buffer = new MemoryStream();
        await read.CopyToAsync(buffer);
        Assert.Equal(new byte[] { 7, 8 }, buffer.ToArray());
    }

    [Theory]
    [InlineData("../escape.png")]
    [InlineData("projects/1/../../../etc/passwd")]
    [InlineData("projects/..")]
    [InlineData("/etc/passwd")]
    [InlineData("~/secret")]
    [InlineData("projects\\1\\x.png")]
    [InlineData("projects//1/x.png")]
    [InlineData("projects/1/")]
    [InlineData("projects/1/x\u0000.png")]
    [InlineData("projects/1/x\n.png")]
    [InlineData("projects/.scratch/x.wav")]
    [InlineData("projects/1/a b.png")]
    [InlineData("")]
    public async Task Store_UnsafeKey_IsRefused(string key)
    {
        var store = _media.Store;

        var write = await Assert.ThrowsAsync<InvalidArtifactKeyException>(() => store.WriteAsync(key, new byte[] { 1 }));
        Assert.Throws<InvalidArtifactKeyException>(() => store.GetLocalPath(key));
        Assert.Throws<InvalidArtifactKeyException>(() => store.OpenRead(key));
        await Assert.ThrowsAsync<InvalidArtifactKeyException>(() => store.ExistsAsync(key));
        await Assert.ThrowsAsync<InvalidArtifactKeyException>(() => store.DeleteAsync(key));
        Assert.False(ArtifactKeys.IsValid(key));
        Assert.Contains("is not allowed", write.Message, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/escape.png"));
    }

    [Fact]
    public async Task WriteAsync_FailingSource_KeepsOldFileAndLeavesNoTempFiles()
    {
        var store = _media.Store;
        var key = ArtifactKeys.SceneClip(5, 1);
        await store.WriteAsync(key, new byte[] { 1, 2, 3 });
        for (var i = 0; i < 5; i++)
            await store.WriteAsync(key, new byte[] { 4, 5, 6, (byte)i });

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new FailingStream(bytesBeforeFailure: 100_000)));

        Assert.Equal(new byte[] { 4, 5, 6, 4 }, await store.ReadAllBytesAsync(key));
        var folder = Path.GetDirectoryName(store.GetLocalPath(key))!;
        Assert.Equal(["scene_1.mp4"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ImportFileAsync_MovesFileIntoStore()
    {
        var store = _media.Store;
        var source = Path.Combine(_media.Root, "outside.wav");
        Directory.CreateDirectory(_media.Root);
        await File.WriteAllBytesAsync(source, [1, 2]);

        await store.ImportFileAsync(ArtifactKeys.SpeechLine(2, 1, 1), source);

        Assert.False(File.Exists(source));
        Assert.Equal(new byte[] { 1, 2 }, await store.ReadAllBytesAsync("projects/2/speech/scene_1_line_1.wav"));
        Assert.Equal("audio/wav", (await store.GetInfoAsync("projects/2/speech/scene_1_line_1.wav"))!.ContentType);
    }

    [Fact]
    public async Task MissingArtifact_ReportsAbsence()
    {
        var store = _media.Store;
        var key = ArtifactKeys.FinalMovie(3);

        Assert.False(await store.ExistsAsync(key));
        Assert.Null(await store.GetInfoAsync(key));
        Assert.Null(await store.ReadAllBytesAsync(key));
        Assert.False(await store.DeleteAsync(key));
        var error = Assert.Throws<ArtifactNotFoundException>(() => store.OpenRead(key));
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public async Task SymbolicLinks_BelowTheRoot_AreNotArtifacts_FileOrFolder()
    {
        var store = _media.Store;
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outside);
        try
        {
            var fileKey = ArtifactKeys.StoryboardFrame(41, 1);
            var outsideFile = Path.Combine(outside, Path.GetFileName(store.GetLocalPath(fileKey)));
            await File.WriteAllTextAsync(outsideFile, "not yours");
            // A link to a file outside, named like an artifact.
            Directory.CreateDirectory(Path.GetDirectoryName(store.GetLocalPath(fileKey))!);
            File.CreateSymbolicLink(store.GetLocalPath(fileKey), outsideFile);
            // A linked folder on the way to an artifact.
            var folderKey = ArtifactKeys.StoryboardFrame(42, 1);
            var linkedFolder = Path.GetDirectoryName(store.GetLocalPath(folderKey))!;
            Directory.CreateDirectory(Path.GetDirectoryName(linkedFolder)!);
            Directory.CreateSymbolicLink(linkedFolder, outside);

            foreach (var key in new[] { fileKey, folderKey })
            {
                Assert.True(File.Exists(store.GetLocalPath(key)), $"the link of {key} is in place");
                Assert.False(await store.ExistsAsync(key));
                Assert.Null(await store.GetInfoAsync(key));
                Assert.Null(await store.ReadAllBytesAsync(key));
                Assert.Throws<ArtifactNotFoundException>(() => store.OpenRead(key));
            }
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesIt()
    {
        var store = _media.Store;
        var key = ArtifactKeys.FinalMovieSubtitles(3);
        await store.WriteAsync(key, "1\n"u8.ToArray());

        Assert.True(await store.DeleteAsync(key));
        Assert.False(await store.ExistsAsync(key));
    }

    [Theory]
    [InlineData("projects/1/a.png", "image/png")]
    [InlineData("projects/1/a.mp4", "video/mp4")]
    [InlineData("projects/1/a.wav", "audio/wav")]
    [InlineData("projects/1/a.srt", "application/x-subrip")]
    [InlineData("projects/1/a.json", "application/json")]
    [InlineData("projects/1/a.bin", "application/octet-stream")]
    public void ContentType_FromExtension(string key, string expected) => Assert.Equal(expected, ArtifactContentTypes.FromKey(key));

    [Fact]
    public void ArtifactKeys_BuildDocumentedKeys()
    {
        Assert.Equal("projects/42/storyboard/scene_7.png", ArtifactKeys.StoryboardFrame(42, 7));
        Assert.Equal("projects/42/storyboard/drafts/scene_7_attempt_2.png", ArtifactKeys.DraftFrame(42, 7, 2));
        Assert.Equal("projects/42/trailer.mp4", ArtifactKeys.Trailer(42));
        Assert.Equal("projects/42/videos/scene_7.mp4", ArtifactKeys.SceneClip(42, 7));
        Assert.Equal("projects/42/videos/scene_7.srt", ArtifactKeys.SceneSubtitles(42, 7));
        Assert.Equal("projects/42/speech/scene_7.wav", ArtifactKeys.SceneAudio(42, 7));
        Assert.Equal("projects/42/speech/scene_7_line_3.wav", ArtifactKeys.SpeechLine(42, 7, 3));
        Assert.Equal("projects/42/final_movie.mp4", ArtifactKeys.FinalMovie(42));
        Assert.Equal("projects/42/final_movie.srt", ArtifactKeys.FinalMovieSubtitles(42));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtifactKeys.SceneClip(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtifactKeys.SceneClip(1, 0));
    }

    /// <summary>Hands out zeros, then fails like a dropped upload.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= bytesBeforeFailure)
                throw new IOException("The connection was lost.");
            var n = Math.Min(count, bytesBeforeFailure - _sent);
            Array.Clear(buffer, offset, n);
            _sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
