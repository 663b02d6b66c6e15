using System.Net;
using System.Net.Sockets;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// Clients that connect from another loopback address (any of 127.0.0.0/8 reaches a host listening on 127.0.0.1), so a
/// test's requests count as a client of their own where the host counts per address.
/// </summary>
public static class LoopbackFrom
{
    private static int _next = 1;

    /// <summary>A loopback address no other test of this run has taken (127.0.0.2, 127.0.0.3, …).</summary>
    public static IPAddress Fresh()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 0, (byte)(n >> 8), (byte)n]);
    }

    /// <summary>An API client that connects from <paramref name="from"/> and sends <paramref name="key"/>, if any.</summary>
    public static HttpClient Client(Uri baseAddress, IPAddress from, string? key)
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Connect(from) }) { BaseAddress = baseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(IPAddress from) =>
        async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
