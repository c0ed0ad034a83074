using System.Globalization;
using System.Text;
using MoviePipeline.Phases;
using MoviePipeline.TestSupport;
using MoviePipeline.TestSupport.Cluster;
using Xunit.Abstractions;
using static MoviePipeline.TestSupport.Cluster.PipelineApi;

namespace MoviePipeline.Cluster.Tests;

/// <summary>kill -9 of the silo making a re-run's clips: the run completes, and its movie is a clean run's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RerunCrashTests(LocalClusters fixture, ITestOutputHelper output)
{
    private const int Scenes = 6;

    [Fact]
    public async Task KillSilo_MakingARerunsClips_CompletesWithTheMovieOfACleanRun()
    {
        await using var cluster = await fixture.NewClusterAsync("rerun-kill", new Dictionary<string, string?> { ["Pipeline:Media"] = "Local" });
        output.WriteLine($"Logs: {cluster.LogDirectory}");
        await cluster.StartSilosAsync(3);
        var api = await cluster.StartGatewayAsync();
        await cluster.ConnectClientAsync();

        var id = await api.CreateProjectAsync("Re-run", Script(take: 0));
        await api.StartAsync(id);
        await api.WaitForCompletedAsync(id, Timeouts.Completion);

        // Every line changed, so phase 3 has a clip per scene to make; the kill must land while it makes them.
        string script;
        var take = 0;
        while (true)
        {
            Assert.True(++take <= 3, "Three kills in a row came after phase 3 had ended; the machine is too fast for this test.");
            script = Script(take);
            await api.EditScriptAsync(id, script);
            var movieWrites = await cluster.Database.StateVersionAsync("movie", id);
            await api.StartAsync(id);
            // Phase 3 under way (its lines spoken, its clips being filmed), or already over: then this take missed.
            var making = await api.WaitForStatusAsync(id, s => (CompletedPhases(s) == 2 && Progress(s) >= 69) || Status(s) == "completed",
                Timeouts.Phase, "phase 3 making clips");
            if (Status(making) == "completed")
            {
                output.WriteLine($"Take {take}: phase 3 ended before the kill could be aimed; editing and trying again.");
                continue;
            }
            var victim = await cluster.HostOfAsync<IStoryboardToMovieGrain>(id)
                ?? throw new InvalidOperationException($"No silo hosts phase 3 of project {id}.");
            victim.Process.Kill();
            // Read after the kill: phase 3's output not written now means it was not written at the kill either.
            var midPhase = await cluster.Database.StateVersionAsync("movie", id) == movieWrites;
            await api.WaitForCompletedAsync(id, Timeouts.Recovery);
            if (midPhase)
            {
                output.WriteLine($"kill -9 of {victim} at {Progress(making)} % with phase 3 unfinished; the re-run completed on a survivor.");
                break;
            }
            output.WriteLine($"Take {take}: phase 3 had ended before the kill of {victim}; editing and trying again.");
            await cluster.StartSiloAsync();
        }

        var clean = await api.CreateProjectAsync("Clean", script);
        await api.StartAsync(clean);
        await api.WaitForCompletedAsync(clean, Timeouts.Completion);

        var artifacts = Path.Combine(cluster.LogDirectory, "artifacts");
        var rerun = Path.Combine(artifacts, (await api.GetAsync($"/api/projects/{id}/movie")).GetProperty("movieKey").GetString()!);
        var fresh = Path.Combine(artifacts, (await api.GetAsync($"/api/projects/{clean}/movie")).GetProperty("movieKey").GetString()!);
        foreach (var stream in new[] { "0:v:0", "0:a:0" })
        {
            var expected = await DecodedMovie.FrameHashesAsync(fresh, stream);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await DecodedMovie.FrameHashesAsync(rerun, stream));
        }
        Assert.Equal(await File.ReadAllTextAsync(Path.ChangeExtension(fresh, ".srt")), await File.ReadAllTextAsync(Path.ChangeExtension(rerun, ".srt")));
    }

    private static string Script(int take)
    {
        var places = new[] { "KITCHEN", "HARBOUR", "POST OFFICE", "CLIFF ROAD", "TAVERN", "BEACH", "STAIRS", "MARKET", "TRAIN", "STATION" };
        var script = new StringBuilder("Title: The Keeper\n\n");
        for (var n = 0; n < Scenes; n++)
        {
            script.Append(CultureInfo.InvariantCulture, $"INT. {places[n]} - NIGHT\n\nSARAH looks around the {places[n].ToLowerInvariant()}.\n\n");
            script.Append(CultureInfo.InvariantCulture, $"SARAH\nThis is place {n + 1}, take {take}, and it has to be right.\n\n");
        }
        return script.ToString();
    }
}
