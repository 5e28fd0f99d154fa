using System.Net;
using System.Net.Sockets;

namespace Complaints.Testing;

/// <summary>The loopback interface the tests and the benchmark run everything on.</summary>
public static class Loopback
{
    /// <summary>
    /// A TCP port free on 127.0.0.1 at this moment (the OS picks it). Another process may take it before the caller
    /// binds it: callers that can retry do.
    /// </summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An HTTP address on which nothing listens (a port that was just free): connecting is refused.</summary>
    public static Uri RefusingAddress() => new($"http://127.0.0.1:{FreePort()}/");
}
