namespace MoviePipeline.TestSupport.Cluster;

/// <summary>One incarnation of a silo process: its ports stay when it restarts, its generation does not.</summary>
public sealed record LocalSilo(string Name, int SiloPort, int GatewayPort, ServiceProcess Process, int Generation)
{
    public override string ToString() => $"{Name} (127.0.0.1:{SiloPort}, generation {Generation})";
}
