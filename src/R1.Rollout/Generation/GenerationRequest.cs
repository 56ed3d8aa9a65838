namespace R1.Rollout.Generation;

/// <summary>
/// One independent request of a <see cref="RolloutGenerator.GenerateBatch"/> batch: its own prompt, its own sampling settings and
/// seed, and optional callbacks. A request's tokens depend only on its prompt, its settings and its seed, not on the other
/// requests it is batched with.
/// </summary>
public sealed class GenerationRequest
{
    /// <summary>
    /// Creates a request for <paramref name="prompt"/> (token ids) sampled with <paramref name="options"/> (default settings when null).
    /// </summary>
    public GenerationRequest(IReadOnlyList<int> prompt, SamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Prompt = prompt;
        Options = options ?? new SamplingOptions();
    }

    /// <summary>The prompt's token ids.</summary>
    public IReadOnlyList<int> Prompt { get; }

    /// <summary>
    /// This request's sampling settings. Per request: <see cref="SamplingOptions.MaxNewTokens"/>, temperature, top-k, top-p, min-p,
    /// greedy, <see cref="SamplingOptions.StopStrings"/> and <see cref="SamplingOptions.Seed"/>. The batch-wide decode settings
    /// (<see cref="SamplingOptions.EosIds"/>: the tokenizer's; KV cache on; compaction on) are not read from it.
    /// </summary>
    public SamplingOptions Options { get; }

    /// <summary>
    /// When set, the log-probs of every completion token under the model's own distribution, with this many most likely
    /// alternatives (0: the chosen token's only), land in <see cref="GenerationResult.ModelLogProbs"/>. Default null (off).
    /// </summary>
    public int? TopLogProbs { get; init; }

    /// <summary>
    /// Called on the decoding thread with each new piece of text as it is generated; the pieces concatenate to
    /// <see cref="GenerationResult.Text"/>. Setting it on any request makes the batch check every step.
    /// </summary>
    public Action<string>? OnText { get; init; }

    /// <summary>Called on the decoding thread as soon as this request is finished, while the other rows may go on.</summary>
    public Action<GenerationResult>? OnCompleted { get; init; }

    /// <summary>Ends this request early (its result so far is returned with <see cref="FinishReason.Length"/>), not the batch.</summary>
    public CancellationToken CancellationToken { get; init; }
}
