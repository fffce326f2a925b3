using System.Net;
using System.Net.Sockets;

namespace Federation.Testing;

/// <summary>Ports nobody listens on, for silos and servers that test suites start side by side.</summary>
public static class FreePorts
{
    // The system may offer a port again as soon as the probe closes it; a suite that starts a dozen services before
    // any binds would then give two of them the same port. A port is handed out once per test process.
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
