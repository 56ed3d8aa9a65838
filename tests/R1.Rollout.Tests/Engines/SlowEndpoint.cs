using System.Net;

namespace R1.Rollout.Tests.Engines;

/// <summary>A stub server that accepts every request and never answers (until disposed), counting the requests it got.</summary>
internal sealed class SlowEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _requests;

    public SlowEndpoint()
    {
        Url = EngineFixtures.ClosedPortUrl();
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose() => _listener.Close();

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
