using Orleans.TestingHost;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>A test cluster of real silos on loopback, shared by the tests of a collection.</summary>
public class ClusterFixture : IAsyncLifetime
{
    protected virtual short Silos => 1;

    /// <summary>Whether outside clients (the gateway) connect over TCP rather than the in-memory transport.</summary>
    protected virtual bool Tcp => false;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public virtual async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        if (Tcp) builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        ConfigureCluster(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The silos' set-up; by default the real grains with media off and phases a test can hold or fail.</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
}

/// <summary>
/// Grain calls time out after one second here, so a phase held longer than that shows
/// whether a long phase would make any call time out.
/// </summary>
public sealed class ShortTimeoutClusterFixture : ClusterFixture
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(1);

    protected override void ConfigureCluster(TestClusterBuilder builder)
    {
        base.ConfigureCluster(builder);
        builder.AddSiloBuilderConfigurator<ShortTimeoutConfigurator>();
    }

    private sealed class ShortTimeoutConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
    }
}

/// <summary>Two silos, for the tests that kill one.</summary>
public sealed class TwoSiloClusterFixture : ClusterFixture
{
    protected override short Silos => 2;
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
