namespace R1.Serving.Contracts;

/// <summary>Counters of the dynamic batcher since start.</summary>
/// <param name="Batches">Decode batches run.</param>
/// <param name="Rows">Rows decoded (a request with <c>n</c> choices is n rows).</param>
/// <param name="LargestBatch">The most rows one batch held.</param>
/// <param name="InFlight">Requests admitted and not yet answered.</param>
/// <param name="Rejected">Requests refused with 429.</param>
internal sealed record BatchingStats(long Batches, long Rows, int LargestBatch, int InFlight, long Rejected)
{
    /// <summary>No batch run yet.</summary>
    public static BatchingStats None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The counters of two decode loops together (the largest batch is the larger one).</summary>
    public static BatchingStats operator +(BatchingStats a, BatchingStats b) =>
        new(a.Batches + b.Batches, a.Rows + b.Rows, Math.Max(a.LargestBatch, b.LargestBatch), a.InFlight + b.InFlight, a.Rejected + b.Rejected);
}
