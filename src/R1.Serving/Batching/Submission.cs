using R1.Rollout.Generation;

namespace R1.Serving.Batching;

/// <summary>
/// One HTTP request's rows (one per choice) on their way through the <see cref="DecodeBatcher"/>: its
/// <see cref="GenerationRequest"/>s report each row's text and result; <see cref="Results"/> completes when every row is done,
/// possibly before the rest of the decode batch.
/// </summary>
internal sealed class Submission
{
    private readonly TaskCompletionSource<IReadOnlyList<GenerationResult>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GenerationResult?[] _results;
    private int _pending;

    /// <param name="rows">Each choice's prompt and sampling settings.</param>
    /// <param name="topLogProbs">Model log-probs with this many alternatives per token, or null for none.</param>
    /// <param name="onText">Called with (choice index, new text) as rows decode; null when not streaming.</param>
    /// <param name="cancellationToken">Ends the rows early (the client went away).</param>
    public Submission(IReadOnlyList<(IReadOnlyList<int> Prompt, SamplingOptions Options)> rows, int? topLogProbs,
        Action<int, string>? onText, CancellationToken cancellationToken)
    {
        _results = new GenerationResult?[rows.Count];
        _pending = rows.Count;
        Requests = rows.Select((row, i) => new GenerationRequest(row.Prompt, row.Options)
        {
            TopLogProbs = topLogProbs,
            OnText = onText is null ? null : text => onText(i, text),
            OnCompleted = result => Complete(i, result),
            CancellationToken = cancellationToken,
        }).ToList();
    }

    public IReadOnlyList<GenerationRequest> Requests { get; }

    /// <summary>Every row's result, in choice order.</summary>
    public Task<IReadOnlyList<GenerationResult>> Results => _done.Task;

    public void Fail(Exception error) => _done.TrySetException(error);

    private void Complete(int row, GenerationResult result)
    {
        _results[row] = result;
        if (Interlocked.Decrement(ref _pending) == 0) _done.TrySetResult(_results.Select(r => r!).ToList());
    }
}
