using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using R1.Rollout;
using R1.Serving.Contracts;

namespace R1.Serving.Batching;

/// <summary>
/// Dynamic batching: a background loop takes the first queued <see cref="Submission"/>, waits up to
/// <see cref="ServerOptions.BatchWindow"/> for others (up to <see cref="ServerOptions.MaxBatchSize"/> rows), and decodes them all
/// in one <see cref="Policy.GenerateBatch"/> call: one forward pass per step for every row, each row with its own settings and
/// seed. Admission (<see cref="TryAdmit"/>) caps the requests queued or decoding at <see cref="ServerOptions.MaxConcurrentRequests"/>.
/// </summary>
internal sealed class DecodeBatcher : IAsyncDisposable
{
    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Policy _policy;
    private readonly ServerOptions _options;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private Exception? _closed;
    private int _inFlight, _largest;
    private long _batches, _rows, _rejected;

    public DecodeBatcher(Policy policy, ServerOptions options, ILogger logger)
    {
        _policy = policy;
        _options = options;
        _logger = logger;
        // The decode loop owns a thread: a batch blocks it for its whole decode, and must not hold one of the few pool threads
        // that answer the requests whose rows have finished.
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public BatchingStats Stats => new(Interlocked.Read(ref _batches), Interlocked.Read(ref _rows), Volatile.Read(ref _largest),
        Volatile.Read(ref _inFlight), Interlocked.Read(ref _rejected));

    /// <summary>Takes a place for one request; false (and counted as rejected) when the limit is reached. Pair with <see cref="Release"/>.</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _inFlight) <= _options.MaxConcurrentRequests) return true;
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _rejected);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _inFlight);

    public void Enqueue(Submission submission)
    {
        if (!_queue.Writer.TryWrite(submission)) submission.Fail(_closed ?? new OperationCanceledException("The server is stopping."));
    }

    private void Loop()
    {
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
                Run(Collect(reader));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        while (reader.TryRead(out var left)) left.Fail(new OperationCanceledException("The server is stopping."));
    }

    /// <summary>The submissions that arrive within the batch window after the first, up to the batch size in rows.</summary>
    private List<Submission> Collect(ChannelReader<Submission> reader)
    {
        var batch = new List<Submission>();
        int rows = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindow.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            while (reader.TryPeek(out var next) && (batch.Count == 0 || rows + next.Requests.Count <= _options.MaxBatchSize))
            {
                reader.TryRead(out next);
                batch.Add(next!);
                rows += next!.Requests.Count;
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (rows >= _options.MaxBatchSize || reader.TryPeek(out _) || left <= TimeSpan.Zero) return batch;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            wait.CancelAfter(left);
            try
            {
                if (!reader.WaitToReadAsync(wait.Token).AsTask().GetAwaiter().GetResult()) return batch;
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested) { return batch; }
        }
    }

    private void Run(List<Submission> batch)
    {
        var requests = batch.SelectMany(s => s.Requests).ToList();
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, requests.Count);
        int largest;
        while (requests.Count > (largest = Volatile.Read(ref _largest))
               && Interlocked.CompareExchange(ref _largest, requests.Count, largest) != largest) { }
        _logger.LogDebug("Decoding a batch of {Rows} rows from {Requests} requests", requests.Count, batch.Count);
        try { _policy.GenerateBatch(requests, _stop.Token); }
        catch (Exception e)
        {
            if (e is not OperationCanceledException) _logger.LogError(e, "A decode batch of {Rows} rows failed", requests.Count);
            foreach (var s in batch) s.Fail(e);
        }
        foreach (var s in batch) s.Fail(new InvalidOperationException("The decode batch ended without a result for this request."));
    }

    /// <summary>
    /// Takes no more submissions (a later one fails with <paramref name="refusal"/>), decodes those already queued, then ends the
    /// loop: an adapter being unloaded.
    /// </summary>
    public async Task DrainAsync(Exception refusal)
    {
        _closed = refusal;
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
