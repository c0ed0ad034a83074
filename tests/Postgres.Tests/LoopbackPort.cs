using System.Net;
using System.Net.Sockets;

namespace MoviePipeline.Postgres.Tests;

internal static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
