namespace R1.Rewards.Composition;

/// <summary>
/// Runs a call that is given a cancellation token cancelled at a timeout, and stops waiting at the timeout even when the callee
/// ignores that token: the call is then abandoned (it runs on, and its result or exception is observed and dropped when it ends).
/// Used by the reward pipeline for each reward and by the judge for each request, so that no callee can hang a training step.
/// </summary>
internal static class BoundedCall
{
    /// <summary>
    /// Runs <paramref name="call"/> with a token cancelled after <paramref name="timeout"/> (and with <paramref name="cancellationToken"/>).
    /// </summary>
    /// <exception cref="CallTimedOutException">The timeout passed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        // A thread of its own for the call's synchronous part: a callee that blocks (Thread.Sleep, a sync process wait) must not
        // hold a pool thread that the other rewards of the batch wait for (on 2 cores the pool grows ~1 thread/s, past a timeout).
        var work = Task.Factory.StartNew(() => call(cts.Token), CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        try
        {
            return await work.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            throw new CallTimedOutException(timeout, abandoned: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && cts.IsCancellationRequested)
        {
            throw new CallTimedOutException(timeout, abandoned: false);
        }
        finally
        {
            if (work.IsCompleted) cts.Dispose();
            else _ = work.ContinueWith(t => { _ = t.Exception; cts.Dispose(); }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}

/// <summary>A <see cref="BoundedCall"/> that did not finish within its timeout.</summary>
/// <param name="timeout">The timeout.</param>
/// <param name="abandoned">Whether the callee was still running (it ignores cancellation) and was left behind.</param>
internal sealed class CallTimedOutException(TimeSpan timeout, bool abandoned)
    : TimeoutException($"timed out after {timeout}{(abandoned ? " and was abandoned (it ignores cancellation)" : "")}")
{
    /// <summary>Whether the callee was still running when the wait gave up.</summary>
    public bool Abandoned { get; } = abandoned;
}
