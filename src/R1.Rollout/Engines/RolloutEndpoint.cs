namespace R1.Rollout.Engines;

/// <summary>One server of an <see cref="OpenAiCompatibleRolloutEngine"/>: its base URL, its concurrency gate and its counters.</summary>
internal sealed class RolloutEndpoint(Uri baseUrl, int maxConcurrency) : IDisposable
{
    private int _inFlight;
    private long _completed;
    private long _failed;
    private volatile bool _isDown;

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>Bounds the requests in flight on this server.</summary>
    public SemaphoreSlim Gate { get; } = new(maxConcurrency, maxConcurrency);

    /// <summary>Requests admitted or waiting here now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests this server answered successfully.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Attempts on this server that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Whether the last adapter load could not reach this server: it lacks the adapter rollouts sample with, so requests skip it
    /// until a later load on it succeeds.
    /// </summary>
    public bool IsDown
    {
        get => _isDown;
        set => _isDown = value;
    }

    public Uri Url(string path) => new(BaseUrl, BaseUrl.AbsolutePath.TrimEnd('/') + path);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave(bool succeeded)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
    }

    public override string ToString() => BaseUrl.ToString();

    public void Dispose() => Gate.Dispose();
}
