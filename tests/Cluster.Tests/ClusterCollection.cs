namespace MoviePipeline.Cluster.Tests;

/// <summary>
/// Every test starts several processes on a 2-core machine: they share one PostgreSQL server and
/// run one after another, so that one test's load does not decide another's failure detection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalClusters>
{
    public const string Name = "Cluster";
}
