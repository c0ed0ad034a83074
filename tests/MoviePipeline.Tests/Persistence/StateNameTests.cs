using System.Reflection;

namespace MoviePipeline.Tests.Persistence;

/// <summary>
/// The storage keys a row by state name and grain key, not by grain class (docs/orleans-postgres.md): two grain classes
/// with one state name would overwrite each other's rows whenever their keys meet (both allocators use key 0). The
/// test clusters' storage keys by the whole grain id, so only this check sees it before PostgreSQL does.
/// </summary>
public sealed class StateNameTests
{
    [Fact]
    public void EveryGrainState_HasAStateNameNoOtherGrainClassUses()
    {
        var states = typeof(MoviePipeline.Workflow.ProjectWorkflowGrain).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
            .SelectMany(grain => grain.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>()?.StateName)
                .OfType<string>()
                .Distinct()
                .Select(name => (Grain: grain.Name, Name: name)))
            .ToList();

        Assert.True(states.Count >= 10, $"only {states.Count} grain states found");
        var shared = states.GroupBy(s => s.Name).Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}': {string.Join(", ", g.Select(s => s.Grain))}").ToList();
        Assert.True(shared.Count == 0, "State names used by more than one grain class: " + string.Join("; ", shared));
    }
}
