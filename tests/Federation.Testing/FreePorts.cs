using System.Net;
using System.Net.Sockets;

namespace Federation.Testing;

/// <summary>Ports nobody listens on, for silos and servers that test suites start side by side.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
