namespace R1.Rollout.Generation;

/// <summary>
/// One completion token under the model's own distribution (the plain softmax of its logits: temperature 1, no top-k, top-p or
/// min-p), as OpenAI's and vLLM's <c>logprobs</c> report it.
/// </summary>
/// <param name="LogProb">The log-probability of the token that was generated.</param>
/// <param name="TopIds">The most likely token ids at this position, most likely first (empty when none were asked for).</param>
/// <param name="TopLogProbs">Their log-probabilities, in the same order.</param>
public sealed record TokenLogProbs(float LogProb, IReadOnlyList<int> TopIds, IReadOnlyList<float> TopLogProbs);
