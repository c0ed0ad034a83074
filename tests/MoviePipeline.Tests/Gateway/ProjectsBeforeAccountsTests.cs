using System.Net;
using System.Net.Http.Json;
using MoviePipeline.Accounts;
using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.TestSupport;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Gateway;

/// <summary>
/// The migration of the projects made before accounts, on a cluster of its own: made the old way (the one local user,
/// listed in the cluster-wide index), they become the administrators' and nobody else's.
/// </summary>
public sealed class ProjectsBeforeAccountsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ProjectsFromBeforeAccounts_AreListedAndRunByAdministrators_AndHiddenFromOthers()
    {
        // As the registry made them before accounts: an id from the allocator, listed in its index block, then saved.
        var first = await fixture.Grains.GetGrain<IProjectIdGrain>(0).ReserveAsync(2);
        long[] legacy = [first, first + 1];
        foreach (var id in legacy)
        {
            await fixture.Grains.GetGrain<IProjectIndexGrain>(id / IProjectIndexGrain.BlockSize).AddAsync(id);
            Assert.True(await fixture.Grains.Workflow(id).CreateAsync(new ProjectDraft($"Old {id}", null, HttpHelpers.Script, Users.BeforeAccounts)));
        }

        using var admin = await fixture.NewClient().SignInAsAdminAsync();
        var adminList = (await admin.GetJsonAsync("/api/projects")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(legacy.Reverse(), adminList.Where(legacy.Contains));
        Assert.Equal(Users.BeforeAccounts, (await admin.GetJsonAsync($"/api/projects/{legacy[0]}")).GetProperty("userId").GetInt64());
        var started = await admin.PostAsJsonAsync($"/api/workflow/{legacy[0]}/start", new { workflowType = "full_pipeline" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await admin.WaitForStatusAsync(legacy[0], "completed");

        // Everyone else: not listed, and 404 as for a project that does not exist. fixture.Http is an ordinary user.
        Assert.DoesNotContain((await fixture.Http.GetJsonAsync("/api/projects")).EnumerateArray(),
            p => legacy.Contains(p.GetProperty("id").GetInt64()));
        foreach (var id in legacy)
        {
            await (await fixture.Http.GetAsync($"/api/projects/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, $"no project with id {id}");
            await (await fixture.Http.PostAsync($"/api/workflow/{id}/start", null)).AssertProblemAsync(HttpStatusCode.NotFound, $"no project with id {id}");
        }
        Assert.Equal("draft", (await admin.GetJsonAsync($"/api/workflow/{legacy[1]}/status")).GetProperty("status").GetString());
    }
}
