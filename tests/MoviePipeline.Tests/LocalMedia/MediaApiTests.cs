using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using MoviePipeline.Media.Artifacts;
using MoviePipeline.Tests.Gateway;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;

namespace MoviePipeline.Tests.LocalMedia;

/// <summary>GET /api/media/{key} over HTTP against a real artifact store in a temporary folder.</summary>
[Collection(LocalMediaCollection.Name)]
public sealed class MediaApiTests(LocalMediaFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Theory]
    [InlineData("storyboard/scene_1.png", "image/png")]
    [InlineData("videos/scene_1.mp4", "video/mp4")]
    [InlineData("speech/scene_1.wav", "audio/wav")]
    [InlineData("final_movie.srt", "application/x-subrip")]
    public async Task Get_StoredArtifact_StreamsItWithContentTypeETagAndLastModified(string name, string contentType)
    {
        var key = $"{ArtifactKeys.ProjectPrefix(await NewProjectIdAsync())}{name}";
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await fixture.Store.WriteAsync(key, bytes);

        var response = await Http.GetAsync("/api/media/" + key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Get_RangeRequest_Answers206WithExactlyTheBytesAsked()
    {
        var key = ArtifactKeys.FinalMovie(await NewProjectIdAsync());
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        await fixture.Store.WriteAsync(key, bytes);

        using var middle = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        middle.Headers.Range = new RangeHeaderValue(1000, 1999);
        var response = await Http.SendAsync(middle);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes 1000-1999/10000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[1000..2000], await response.Content.ReadAsByteArrayAsync());

        using var tail = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        tail.Headers.Range = new RangeHeaderValue(null, 100);
        var tailResponse = await Http.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, tailResponse.StatusCode);
        Assert.Equal("bytes 9900-9999/10000", tailResponse.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[9900..], await tailResponse.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        beyond.Headers.Range = new RangeHeaderValue(20_000, null);
        var beyondResponse = await Http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyondResponse.StatusCode);
        Assert.Equal("bytes */10000", beyondResponse.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Get_IfNoneMatchWithItsETag_Answers304UntilTheArtifactChanges()
    {
        var key = ArtifactKeys.StoryboardFrame(await NewProjectIdAsync(), 1);
        await fixture.Store.WriteAsync(key, RandomNumberGenerator.GetBytes(2048));
        var first = await Http.GetAsync("/api/media/" + key);
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var notModified = await Http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await Http.SendAsync(byDate)).StatusCode);

        // A rerun rewrites the artifact under the same key: the old tag no longer matches.
        var rewritten = RandomNumberGenerator.GetBytes(3000);
        await fixture.Store.WriteAsync(key, rewritten);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/media/" + key);
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Equal(rewritten, await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_UnknownKey_Answers404Problem()
    {
        var key = ArtifactKeys.Trailer(await NewProjectIdAsync());
        await (await Http.GetAsync("/api/media/" + key)).AssertProblemAsync(HttpStatusCode.NotFound, "no media file");
        // A folder is not an artifact either.
        await fixture.Store.WriteAsync(ArtifactKeys.StoryboardFrame(await NewProjectIdAsync(), 1), new byte[] { 1 });
        await (await Http.GetAsync("/api/media/projects")).AssertProblemAsync(HttpStatusCode.NotFound, "no media file");
    }

    [Fact]
    public async Task Get_SymbolicLinkInTheStore_IsNotServed()
    {
        // A link placed in the store by hand, named like an artifact, pointing at a system file.
        var key = ArtifactKeys.StoryboardFrame(await NewProjectIdAsync(), 1);
        var path = fixture.Store.GetLocalPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, "/etc/passwd");

        var response = await Http.GetAsync("/api/media/" + key);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "no media file");
    }

    [Theory]
    [InlineData("/api/media/..%2Fsecret.txt")]
    [InlineData("/api/media/projects/..%2F..%2Fsecret.txt")]
    [InlineData("/api/media/%2e%2e/secret.txt")]
    [InlineData("/api/media/projects/%2E%2E/%2E%2E/secret.txt")]
    [InlineData("/api/media/%252e%252e/secret.txt")]
    [InlineData("/api/media/..%5Csecret.txt")]
    [InlineData("/api/media//etc/passwd")]
    [InlineData("/api/media/%2Fetc%2Fpasswd")]
    [InlineData("/api/media/C:%5CWindows%5Cwin.ini")]
    [InlineData("/api/media/~/secret.txt")]
    [InlineData("/api/media/.scratch/secret.txt")]
    [InlineData("/api/media/projects/1/a%0Ab.png")]
    public async Task Get_TraversalOrAbsoluteKey_IsRefusedAndNeverLeavesTheStore(string url)
    {
        var secret = await PlantSecretsAsync();

        var response = await Http.GetAsync(url);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/media/../secret.txt")]
    [InlineData("/api/media/projects/../../secret.txt")]
    [InlineData("/api/media/./../secret.txt")]
    [InlineData("/api/media/" + "%2Fetc%2Fpasswd")]
    public async Task Get_RawDotDotPathReachingTheHandler_Answers400(string path)
    {
        var secret = await PlantSecretsAsync();
        var session = await fixture.SessionCookieAsync();

        // HttpClient would remove the dot segments itself; the test server passes the path on as it is.
        var context = await fixture.Gateway.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = PathString.FromUriComponent(path);
            c.Request.Headers.Cookie = session;
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        Assert.DoesNotContain(secret, body);
        Assert.Contains("not allowed", body);
    }

    [Fact]
    public async Task Get_AnotherUsersArtifact_Answers404AsForAMissingFile()
    {
        var key = ArtifactKeys.FinalMovie(await NewProjectIdAsync());
        await fixture.Store.WriteAsync(key, RandomNumberGenerator.GetBytes(100));
        using var other = await fixture.NewClient().SignUpAsync();

        await (await other.GetAsync("/api/media/" + key)).AssertProblemAsync(HttpStatusCode.NotFound, "no media file");
        using var anonymous = fixture.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/media/" + key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/media/" + key)).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheMediaEndpoint()
    {
        var doc = await Http.GetJsonAsync("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/media/{key}", out var media));
        Assert.True(media.TryGetProperty("get", out _));
    }

    /// <summary>A project of the fixture's user, so its media files are theirs to read.</summary>
    private Task<long> NewProjectIdAsync() => Http.CreateProjectAsync("Media");

    /// <summary>Files outside the artifact root that a traversal would reach: beside it, and in the scratch folder.</summary>
    private async Task<string> PlantSecretsAsync()
    {
        const string secret = "TOP-SECRET-NOT-AN-ARTIFACT";
        await File.WriteAllTextAsync(Path.Combine(fixture.Folder, "secret.txt"), secret);
        Directory.CreateDirectory(Path.Combine(fixture.ArtifactRoot, ".scratch"));
        await File.WriteAllTextAsync(Path.Combine(fixture.ArtifactRoot, ".scratch", "secret.txt"), secret);
        return secret;
    }
}
