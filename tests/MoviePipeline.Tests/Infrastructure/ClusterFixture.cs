using Orleans.TestingHost;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>
/// A test cluster of real silos in this process, shared by the tests of a collection. Linked into Cluster.Tests too,
/// whose crash tests kill one of its silos.
/// </summary>
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
