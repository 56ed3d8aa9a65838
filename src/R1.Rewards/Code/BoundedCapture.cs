using System.Text;

namespace R1.Rewards.Code;

/// <summary>
/// Drains a stream to its end, keeping at most a fixed number of bytes (the first ones, which hold the harness's
/// report) and discarding the rest, so a program that floods its output can neither block nor exhaust the host.
/// </summary>
internal sealed class BoundedCapture
{
    private readonly MemoryStream _kept = new();
    private readonly int _limit;
    private readonly Lock _gate = new();

    private BoundedCapture(int limit) => _limit = limit;

    /// <summary>How many bytes were discarded.</summary>
    public long Discarded { get; private set; }

    /// <summary>The kept bytes as UTF-8 text.</summary>
    public string Text
    {
        get { lock (_gate) return Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length); }
    }

    /// <summary>Starts draining <paramref name="stream"/>; the task ends at end of stream or when <paramref name="cancellationToken"/>
    /// fires.</summary>
    public static (BoundedCapture Capture, Task Drained) Start(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var capture = new BoundedCapture(limit);
        return (capture, capture.DrainAsync(stream, cancellationToken));
    }

    private async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                lock (_gate)
                {
                    int keep = (int)System.Math.Min(read, _limit - _kept.Length);
                    if (keep > 0) _kept.Write(buffer, 0, keep);
                    Discarded += read - keep;
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }
}
