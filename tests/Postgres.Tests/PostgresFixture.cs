using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MoviePipeline.Persistence;
using MoviePipeline.PostgresStorage;
using MoviePipeline.Silo.Database;
using MoviePipeline.TestSupport;
using Orleans.Configuration;
using Orleans.Serialization.Configuration;
using Orleans.Storage;

namespace MoviePipeline.Postgres.Tests;

/// <summary>
/// One throwaway PostgreSQL with our schema, plus one silo using all three AdoNet providers on it:
/// the silo only starts if every required query key is present, and it hands out the providers'
/// <see cref="IGrainStorage"/> and <see cref="IReminderTable"/> for the tests to call directly.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string ClusterId = "postgres-tests";
    public const string ServiceId = "postgres-tests";
    public const string DefaultStorage = "Default";
    public const string DeleteOnClearStorage = "DeleteOnClear";

    /// <summary>Storage with the service's serializer (binary, reading JSON too); "Default" keeps Orleans' JSON.</summary>
    public const string ServiceSerializerStorage = "ServiceSerializer";

    /// <summary>Our group-commit storage, with Orleans' JSON like "Default"; and one with the service's serializer.</summary>
    public const string GroupCommitStorage = "GroupCommit";
    public const string GroupCommitServiceSerializerStorage = "GroupCommitServiceSerializer";

    /// <summary>Group commit at most two rows a transaction.</summary>
    public const string GroupCommitTwoRowsStorage = "GroupCommitTwoRows";

    public string ProviderConnectionString { get; private set; } = "";

    private PostgresServer? _server;
    private IHost? _silo;
    private GroupCommitReminderTable? _groupCommitReminders;
    private int _databaseCounter;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IServiceProvider Services => _silo?.Services ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string ConnectionString => Server.ConnectionString;

    public IGrainStorage GrainStorage(string name) => Services.GetRequiredKeyedService<IGrainStorage>(name);

    public IReminderTable ReminderTable => Services.GetRequiredService<IReminderTable>();

    public const string AdoNetReminders = "AdoNet";
    public const string GroupCommitReminders = "GroupCommit";

    /// <summary>Our reminder table with group commit, beside the silo's (Orleans' ADO.NET one), on the same rows.</summary>
    public GroupCommitReminderTable GroupCommitReminderTable => _groupCommitReminders ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IReminderTable ReminderTableOf(string provider) => provider == GroupCommitReminders ? GroupCommitReminderTable : ReminderTable;

    /// <summary>A fresh, empty database on the same server (for migration tests).</summary>
    public Task<string> CreateEmptyDatabaseAsync() =>
        Server.CreateDatabaseAsync($"scratch_{Interlocked.Increment(ref _databaseCounter)}", applySchema: false);

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartNewAsync();
        // The providers run with the connection defaults the silo applies (prepared statements).
        var connectionString = DatabaseStartup.WithConnectionDefaults(_server.ConnectionString);
        ProviderConnectionString = connectionString;

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = ServiceId;
            });
            // Persisted test state is stored as JSON with type names, which Orleans only binds for allowed types.
            silo.Services.Configure<TypeManifestOptions>(options => options.AddAllowedType(typeof(CounterState)));
            silo.ConfigureEndpoints(IPAddress.Loopback, LoopbackPort.Free(), LoopbackPort.Free());
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(DefaultStorage, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(DeleteOnClearStorage, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
                options.DeleteStateOnClear = true;
            });
            silo.AddAdoNetGrainStorage(ServiceSerializerStorage, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(ServiceSerializerStorage)
                .Configure<IServiceProvider>((options, services) => options.GrainStorageSerializer = GrainStateSerialization.Create(services));
            silo.AddGroupCommitGrainStorage(GroupCommitStorage, options => options.Configure(o => o.ConnectionString = connectionString));
            silo.AddGroupCommitGrainStorage(GroupCommitServiceSerializerStorage, options => options.Configure<IServiceProvider>((o, services) =>
            {
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = GrainStateSerialization.Create(services);
            }));
            silo.AddGroupCommitGrainStorage(GroupCommitTwoRowsStorage, options => options.Configure(o =>
            {
                o.ConnectionString = connectionString;
                o.MaxBatchRows = 2;
            }));
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
        });
        _silo = builder.Build();
        await _silo.StartAsync();
        _groupCommitReminders = new GroupCommitReminderTable(ServiceId, new GroupCommitOptions { ConnectionString = connectionString },
            NullLogger<GroupCommitReminderTable>.Instance);
        await _groupCommitReminders.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_groupCommitReminders is not null) await _groupCommitReminders.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
