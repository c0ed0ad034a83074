using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

[Collection(ClusterCollection.Name)]
public sealed class ProjectRegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_ManyAtOnce_GivesDistinctPositiveIds_AndListShowsThemNewestFirst()
    {
        // That creates at once share the index's writes is CoalescingWriterTests' to show: here other
        // tests create projects in the same index blocks, so the count of its writes proves nothing.
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => fixture.Grains.CreateProjectAsync($"Parallel {i}")));

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 0));

        var list = await fixture.Grains.GetGrain<IUserProjectsGrain>(1).ListAsync();
        Assert.Superset(ids.ToHashSet(), list.Select(p => p.Id).ToHashSet());
        Assert.Equal(list.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id), list.Select(p => p.Id));
        var one = list.Single(p => p.Id == ids[0]);
        Assert.Equal(WorkflowStatusCode.Draft, one.Status);
        Assert.Equal(0, one.Progress);
    }

    [Fact]
    public async Task GetProject_ManyAtOnce_EachReturnsTheWholeScript()
    {
        // The activation does not keep the script; every reader gets it from storage, whole.
        var script = string.Concat(Enumerable.Range(1, 200).Select(i => $"INT. ROOM {i} - DAY\n\nSomeone waits.\n\n"));
        var id = await fixture.Grains.GetGrain<IProjectRegistryGrain>(0).CreateAsync(new ProjectDraft("Long script", null, script, 1));
        var workflow = fixture.Grains.Workflow(id);

        var projects = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => workflow.GetProjectAsync()));

        Assert.All(projects, p => Assert.Equal(script, p!.ScriptContent));
    }

    [Fact]
    public async Task Create_Twice_WithTheSameId_IsRefused()
    {
        var id = await fixture.Grains.CreateProjectAsync("Original");
        var again = await fixture.Grains.Workflow(id).CreateAsync(new ProjectDraft("Imposter", null, "x", 1));

        Assert.False(again);
        Assert.Equal("Original", (await fixture.Grains.Workflow(id).GetProjectAsync())!.Title);
    }
}
