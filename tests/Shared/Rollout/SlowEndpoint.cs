using System.Net;
using System.Net.Sockets;

namespace R1.Tests.Shared;

/// <summary>
/// A stub server on a free loopback port that accepts every request and never answers (until disposed), counting them: the slow
/// engine of the rollout fault tests. Linked into R1.Rollout.Tests and R1.ScaleOut.Tests.
/// </summary>
internal sealed class SlowEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _requests;

    /// <summary>Starts listening.</summary>
    public SlowEndpoint()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Its base URL.</summary>
    public Uri Url { get; }

    /// <summary>Requests received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Stops listening (the requests held open fail).</summary>
    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (_listener.IsListening)
            {
                await _listener.GetContextAsync();
                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
    }
}
