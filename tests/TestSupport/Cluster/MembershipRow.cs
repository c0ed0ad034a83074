using Orleans.Runtime;

namespace MoviePipeline.TestSupport.Cluster;

/// <summary>One silo incarnation as the membership table records it.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, SiloStatus Status, int ProxyPort, DateTime IAmAliveTime);
