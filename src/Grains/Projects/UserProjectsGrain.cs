using MoviePipeline.Accounts;
using MoviePipeline.Persistence;
using MoviePipeline.Workflow;
using Orleans.Concurrency;

namespace MoviePipeline.Projects;

/// <summary>
/// One user's projects: see <see cref="IUserProjectsGrain"/>. Reentrant: adds share writes (group commit,
/// <see cref="GroupCommittedIds"/>), and starts run side by side, each taking its place before it awaits anything, so two
/// at once cannot both take the last one.
/// </summary>
/// <remarks>
/// The places are counted from the workflows' own status, never from a counter that a lost message could leave wrong.
/// <see cref="_maybeRunning"/> holds every workflow of the user that may be running (at activation: all of them); while
/// it is below the limit nobody need be asked, so a user starting many projects at once is not held back. At the limit,
/// each workflow in it is asked once (one check shared by the starts waiting) and those not running leave, except those
/// whose start was in flight at any moment of the check: their status may have been read before their start was saved.
/// </remarks>
[Reentrant]
public sealed class UserProjectsGrain : Grain, IUserProjectsGrain
{
    private readonly IPersistentState<UserProjectsState> _state;
    private readonly GroupCommittedIds _ids;
    private HashSet<long> _maybeRunning = [];
    private readonly HashSet<long> _placedDuringCheck = [];
    private readonly Dictionary<long, int> _inFlight = [];
    private Task? _check;

    public UserProjectsGrain([PersistentState("projects")] IPersistentState<UserProjectsState> state)
    {
        _state = state;
        _ids = new GroupCommittedIds(ids =>
        {
            _state.State = new UserProjectsState { Ids = ids };
            return StorageFailures.RunAsync(_state.WriteStateAsync, "Saving the list of projects");
        });
    }

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var ids = _state.State.Ids;
        if (UserId == Users.BeforeAccounts && !_state.RecordExists) ids = [.. await ProjectsFromBeforeAccountsAsync()];
        _ids.Load(ids);
        _maybeRunning = [.. _ids.Ids];
        if (!_state.RecordExists && _ids.Count > 0) await _ids.WriteAsync();
    }

    public Task AddAsync(long projectId) => _ids.AddAsync(projectId);

    public async Task<IReadOnlyList<ProjectSummary>> ListAsync()
    {
        var summaries = await Task.WhenAll(_ids.Ids.Select(id => Workflow(id).GetSummaryAsync()));
        return [.. summaries.OfType<ProjectSummary>().OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)];
    }

    public Task<WorkflowCommandResult> StartAsync(long projectId, int maxRunning) =>
        WithinLimitAsync(projectId, maxRunning, w => w.StartAsync(), "start");

    public Task<WorkflowCommandResult> ResumeAsync(long projectId, int maxRunning) =>
        WithinLimitAsync(projectId, maxRunning, w => w.ResumeAsync(), "resume");

    private async Task<WorkflowCommandResult> WithinLimitAsync(
        long projectId, int maxRunning, Func<IProjectWorkflowGrain, Task<WorkflowCommandResult>> command, string verb)
    {
        if (OthersMaybeRunning(projectId) >= maxRunning)
        {
            await CheckRunningAsync();
            var others = OthersMaybeRunning(projectId);
            if (others >= maxRunning)
            {
                return new WorkflowCommandResult(CommandOutcome.LimitReached,
                    $"You have {others} workflow{(others == 1 ? "" : "s")} running, the most you may have at once; " +
                    $"wait for one to finish or pause one, then {verb} this project again.", null);
            }
        }
        // The place is taken before the command is sent; a command refused (e.g. already running) leaves it to the next check.
        _maybeRunning.Add(projectId);
        if (_check is not null) _placedDuringCheck.Add(projectId);
        _inFlight[projectId] = _inFlight.GetValueOrDefault(projectId) + 1;
        try
        {
            return await command(Workflow(projectId));
        }
        finally
        {
            if (--_inFlight[projectId] == 0) _inFlight.Remove(projectId);
        }
    }

    // The project's own command answers for itself (e.g. "already running"), so it does not count against itself.
    private int OthersMaybeRunning(long projectId) => _maybeRunning.Count - (_maybeRunning.Contains(projectId) ? 1 : 0);

    private async Task CheckRunningAsync()
    {
        _check ??= CheckAsync();
        var check = _check;
        try
        {
            await check;
        }
        finally
        {
            if (_check == check) _check = null;
        }

        async Task CheckAsync()
        {
            // A command in flight now may be saved after its status is read.
            _placedDuringCheck.Clear();
            _placedDuringCheck.UnionWith(_inFlight.Keys);
            var candidates = _maybeRunning.ToArray();
            var statuses = await Task.WhenAll(candidates.Select(id => Workflow(id).GetStatusAsync()));
            for (var i = 0; i < candidates.Length; i++)
            {
                if (statuses[i] is not { } status || !IsRunning(status))
                {
                    if (!_placedDuringCheck.Contains(candidates[i])) _maybeRunning.Remove(candidates[i]);
                }
            }
        }
    }

    private static bool IsRunning(WorkflowStatus status) => status.Status is WorkflowStatusCode.Parsing
        or WorkflowStatusCode.Parsed or WorkflowStatusCode.GeneratingStoryboard or WorkflowStatusCode.GeneratingVideos
        or WorkflowStatusCode.Assembling;

    /// <summary>
    /// The migration of the projects made before accounts: the registry listed every project in one cluster-wide index,
    /// and they all belonged to the one local user. Their list becomes this user's, read once from that index.
    /// </summary>
    private async Task<IEnumerable<long>> ProjectsFromBeforeAccountsAsync()
    {
        var highest = await GrainFactory.GetGrain<IProjectIdGrain>(0).GetHighestAsync();
        var blocks = await Task.WhenAll(Enumerable.Range(0, (int)(highest / IProjectIndexGrain.BlockSize) + 1)
            .Select(b => GrainFactory.GetGrain<IProjectIndexGrain>(b).GetIdsAsync()));
        return blocks.SelectMany(ids => ids);
    }

    private IProjectWorkflowGrain Workflow(long projectId) => GrainFactory.GetGrain<IProjectWorkflowGrain>(projectId);
}
