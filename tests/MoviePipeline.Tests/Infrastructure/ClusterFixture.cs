using Orleans.TestingHost;

namespace MoviePipeline.Tests.Infrastructure;

/// <summary>A test cluster of real silos on loopback, shared by the tests of a collection.</summary>
public class ClusterFixture : IAsyncLifetime
{
    protected virtual short Silos => 1;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
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
