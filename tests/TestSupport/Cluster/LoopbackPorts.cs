using System.Net;
using System.Net.Sockets;

namespace MoviePipeline.TestSupport.Cluster;

internal static class LoopbackPorts
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A port on 127.0.0.1 that nothing listens on now and that this process has not handed out before.</summary>
    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
