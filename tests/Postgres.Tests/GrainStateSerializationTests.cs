using MoviePipeline.Workflow;
using Orleans.Runtime;
using Orleans.Storage;

namespace MoviePipeline.Postgres.Tests;

/// <summary>
/// The service stores grain state in Orleans' binary format; rows an earlier version wrote as
/// Orleans' default JSON must still read, and the next write turns them binary.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStateSerializationTests(PostgresFixture fixture)
{
    private static readonly GrainType WorkflowGrainType = GrainType.Create("projectworkflow");

    private IGrainStorage Json => fixture.GrainStorage(PostgresFixture.DefaultStorage);
    [Theory]
    [InlineData(PostgresFixture.ServiceSerializerStorage)]
    [InlineData(PostgresFixture.GroupCommitServiceSerializerStorage)]
    public async Task ReadStateAsync_RowWrittenAsJson_ReadsAndTheNextWriteIsBinary(string serviceStorage)
    {
        var service = fixture.GrainStorage(serviceStorage);
        var (stateName, grainId) = ($"workflow-{Guid.NewGuid():N}", GrainId.Create(WorkflowGrainType, GrainIdKeyExtensions.CreateIntegerKey(7)));
        var original = SampleState();
        await Json.WriteStateAsync(stateName, grainId, new GrainState<WorkflowState>(original));
        var jsonPayload = await PayloadAsync(stateName);
        Assert.Equal((byte)'{', jsonPayload[0]);

        var read = new GrainState<WorkflowState>(new WorkflowState());
        await service.ReadStateAsync(stateName, grainId, read);
        Assert.True(read.RecordExists);
        AssertSameState(original, Assert.IsType<WorkflowState>(read.State));

        read.State!.Version++;
        await service.WriteStateAsync(stateName, grainId, read);
        var binaryPayload = await PayloadAsync(stateName);
        Assert.NotEqual((byte)'{', binaryPayload[0]);
        Assert.True(binaryPayload.Length * 2 < jsonPayload.Length,
            $"binary {binaryPayload.Length} bytes, JSON {jsonPayload.Length} bytes");

        var reread = new GrainState<WorkflowState>(new WorkflowState());
        await service.ReadStateAsync(stateName, grainId, reread);
        Assert.Equal("2", reread.ETag);
        var rereadState = Assert.IsType<WorkflowState>(reread.State);
        Assert.Equal(original.Version + 1, rereadState.Version);
        Assert.Equal(original.History, rereadState.History);
    }

    private static WorkflowState SampleState()
    {
        var at = new DateTime(2026, 11, 26, 8, 30, 0, DateTimeKind.Utc);
        return new WorkflowState
        {
            Status = WorkflowStatusCode.GeneratingStoryboard,
            Progress = 42,
            Active = true,
            CompletedPhases = 1,
            CurrentPhase = WorkflowPhase.TrailerToStoryboard,
            RunId = "7-2-2",
            RunSequence = 2,
            Attempt = 1,
            Message = "Phase 2 (Trailer to Storyboard) started.",
            Version = 5,
            StartedAt = at,
            UpdatedAt = at.AddSeconds(3),
            Phases =
            [
                new PhaseRecord { Phase = WorkflowPhase.ScriptToTrailer, Status = PhaseRunStatus.Completed, Attempts = 1, Runs = 1, StartedAt = at, CompletedAt = at.AddSeconds(1) },
                new PhaseRecord { Phase = WorkflowPhase.TrailerToStoryboard, Status = PhaseRunStatus.Running, Attempts = 1, Runs = 1, StartedAt = at.AddSeconds(2) },
                new PhaseRecord { Phase = WorkflowPhase.StoryboardToMovie },
            ],
            History =
            [
                new WorkflowEvent(1, at, WorkflowStatusCode.Draft, 0, null, "Project created."),
                new WorkflowEvent(5, at.AddSeconds(3), WorkflowStatusCode.GeneratingStoryboard, 42, WorkflowPhase.TrailerToStoryboard, "Phase 2 started."),
            ],
        };
    }

    private static void AssertSameState(WorkflowState expected, WorkflowState actual)
    {
        Assert.Equal(
            (expected.Status, expected.Progress, expected.Active, expected.CompletedPhases, expected.CurrentPhase, expected.RunId,
                expected.RunSequence, expected.Attempt, expected.Message, expected.Version, expected.StartedAt, expected.UpdatedAt),
            (actual.Status, actual.Progress, actual.Active, actual.CompletedPhases, actual.CurrentPhase, actual.RunId,
                actual.RunSequence, actual.Attempt, actual.Message, actual.Version, actual.StartedAt, actual.UpdatedAt));
        Assert.Equal(expected.Phases.Select(p => p.ToStatus()), actual.Phases.Select(p => p.ToStatus()));
        Assert.Equal(expected.History, actual.History);
    }

    private async Task<byte[]> PayloadAsync(string stateName) =>
        (byte[])Assert.Single(await Sql.RowsAsync(
            fixture.ConnectionString,
            "SELECT payloadbinary FROM orleansstorage WHERE graintypestring = @name",
            ("name", stateName)))[0]!;
}
