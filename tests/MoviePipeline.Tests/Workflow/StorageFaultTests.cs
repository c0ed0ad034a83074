using MoviePipeline.Projects;
using MoviePipeline.Tests.Infrastructure;
using MoviePipeline.Workflow;

namespace MoviePipeline.Tests.Workflow;

/// <summary>
/// Start, pause and resume while storage fails at every step (the reminder table, the state writes of the command
/// and of the run loop): no workflow is left "running" with nothing running it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StorageFaultTests(ClusterFixture fixture)
{
    private const int Projects = 40;

    /// <summary>More refusals in a row than the test silo's storage retries (3): the command itself fails.</summary>
    private const int RefusalsThatFailACommand = 4;

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task StartPauseResume_WithInjectedStorageFaults_EveryWorkflowCompletes_AndEveryFailureIsAClearRetryableError()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(1, Projects).Select(DriveAsync));

        var stuck = outcomes.Where(o => o.Final.Status != WorkflowStatusCode.Completed).ToList();
        Assert.True(stuck.Count == 0, $"Not completed: {string.Join("; ", stuck.Select(o => $"seed {o.Seed}: {o.Final}"))}");
        // The property is only worth something if commands did fail on the way: the plans are seeded, so this holds.
        Assert.True(outcomes.Sum(o => o.ClearErrors) >= Projects / 4, $"Only {outcomes.Sum(o => o.ClearErrors)} commands failed.");
        Assert.All(outcomes, o => Assert.Equal(100, o.Final.Progress));

        // A completed workflow keeps no recovery reminder.
        var grainIds = outcomes.Select(o => Grains.Workflow(o.ProjectId).GetGrainId()).ToHashSet();
        // The loop removes it just after it saved "completed"; the reminder table has no change notification to wait on.
        bool Left() => SharedMemoryStore.Reminders.Values.Any(r =>
            r.ClusterId == ClusterId && grainIds.Contains(r.GrainId) && r.ReminderName == RecoveryReminder.Name);
        var deadline = DateTime.UtcNow + Workflows.Deadline;
        while (Left() && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.False(Left(), "A completed workflow still has its recovery reminder.");
    }

    /// <summary>One workflow under its seeded fault plan: start until accepted, maybe pause and resume, then wait for the end.</summary>
    private async Task<Outcome> DriveAsync(int seed)
    {
        var random = new Random(seed);
        var id = await Grains.CreateProjectAsync($"Faults {seed}");
        var workflow = Grains.Workflow(id);
        var grainId = workflow.GetGrainId();
        Inject($"{ClusterId}/workflow/{grainId}", StateFaults(random));
        Inject(SharedMemoryReminderTable.KeyOf(ClusterId, grainId, RecoveryReminder.Name), ReminderFaults(random));

        var errors = 0;
        errors += await UntilAnsweredAsync(workflow.StartAsync, seed);
        if (random.Next(2) == 0)
        {
            errors += await UntilAnsweredAsync(workflow.PauseAsync, seed);
            await workflow.WaitForAsync(s => s.Status is WorkflowStatusCode.Paused or WorkflowStatusCode.Completed);
            errors += await UntilAnsweredAsync(workflow.ResumeAsync, seed);
        }

        var final = await workflow.WaitForAsync(s => s.Status is WorkflowStatusCode.Completed or WorkflowStatusCode.Failed);
        return new Outcome(seed, id, final, errors);
    }

    /// <summary>
    /// Sends <paramref name="command"/> until the workflow answers it (accepted, or a conflict that says the state);
    /// every failure on the way must be the clear "storage did not take it, try again" error. Returns how many there were.
    /// </summary>
    private static async Task<int> UntilAnsweredAsync(Func<Task<WorkflowCommandResult>> command, int seed)
    {
        var messages = new List<string>();
        for (var failures = 0; failures < 10; failures++)
        {
            try
            {
                var result = await command();
                Assert.True(result.Outcome is CommandOutcome.Accepted or CommandOutcome.Conflict, $"seed {seed}: {result}");
                return failures;
            }
            catch (ProjectStorageUnavailableException ex)
            {
                // The clear error: the caller may try again.
                messages.Add(ex.Message);
            }
        }
        throw new InvalidOperationException($"seed {seed}: the command failed ten times in a row; the plan has fewer faults than that: {string.Join(" | ", messages.Distinct())}");
    }

    /// <summary>Faults for the workflow's state writes, in order: some single (the retries hide them), some runs long enough to fail a command.</summary>
    private static IEnumerable<InjectedFault> StateFaults(Random random)
    {
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            switch (random.Next(4))
            {
                case 0:
                    yield return InjectedFault.None;
                    break;
                case 1:
                    yield return InjectedFault.LoseAnswer;
                    break;
                case 2:
                    yield return InjectedFault.Refuse;
                    break;
                default:
                    for (var r = 0; r < RefusalsThatFailACommand; r++) yield return InjectedFault.Refuse;
                    break;
            }
        }
    }

    /// <summary>Faults for the recovery reminder's registrations: refused ("the reminder service is still initializing"), or stored with the answer lost.</summary>
    private static IEnumerable<InjectedFault> ReminderFaults(Random random) =>
        Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(2) == 0 ? InjectedFault.Refuse : InjectedFault.LoseAnswer);

    private static void Inject(string key, IEnumerable<InjectedFault> faults) =>
        SharedMemoryStore.Faults[key] = new System.Collections.Concurrent.ConcurrentQueue<InjectedFault>(faults);

    private string ClusterId => fixture.Cluster.Options.ClusterId;

    private sealed record Outcome(int Seed, long ProjectId, WorkflowStatus Final, int ClearErrors);
}
