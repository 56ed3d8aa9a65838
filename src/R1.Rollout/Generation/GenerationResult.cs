namespace R1.Rollout.Generation;

/// <summary>One completion.</summary>
/// <param name="PromptIds">The prompt's token ids (unpadded).</param>
/// <param name="CompletionIds">Generated ids; ends with the EOS id when <see cref="FinishReason"/> is Stop because of EOS.</param>
/// <param name="Text">The completion decoded without the trailing EOS; when a stop string ended it, the text ends with that string.</param>
/// <param name="LogProbs">
/// Per completion token, its log-probability under the distribution it was sampled from (after temperature, top-k, top-p, min-p).
/// For greedy decoding, the log-probability under the plain softmax of the logits.
/// </param>
/// <param name="FinishReason">Stop (EOS or stop string) or Length.</param>
public sealed record GenerationResult(
    IReadOnlyList<int> PromptIds,
    IReadOnlyList<int> CompletionIds,
    string Text,
    IReadOnlyList<float> LogProbs,
    FinishReason FinishReason)
{
    /// <summary>
    /// Per completion token, its log-prob and the most likely alternatives under the model's own distribution; set only for a
    /// <see cref="GenerationRequest"/> that asked for them (<see cref="GenerationRequest.TopLogProbs"/>), else null.
    /// </summary>
    public IReadOnlyList<TokenLogProbs>? ModelLogProbs { get; init; }
}
