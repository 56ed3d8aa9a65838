using R1.Rollout.Generation;
using R1.Rollout.Tokenization;
using R1.Serving.Contracts;

namespace R1.Serving.Endpoints;

/// <summary>
/// OpenAI's legacy <c>logprobs</c> object for a text completion, from the model's own log-probs of each generated token
/// (<see cref="GenerationResult.ModelLogProbs"/>: the plain softmax of the logits, as vLLM reports by default).
/// </summary>
internal static class LegacyLogprobs
{
    public static CompletionLogprobs From(GenerationResult result, string text, ITextTokenizer tokenizer, bool tokensAsIds)
    {
        var ids = result.CompletionIds;
        var steps = result.ModelLogProbs ?? throw new InvalidOperationException("The row was decoded without log-probs.");
        string Name(int id) => tokensAsIds ? $"token_id:{id}" : tokenizer.Decode([id]);
        var top = steps.Select(step =>
        {
            var alternatives = new Dictionary<string, float>();
            for (int k = 0; k < step.TopIds.Count; k++) alternatives.TryAdd(Name(step.TopIds[k]), step.TopLogProbs[k]);
            return alternatives;
        }).ToList();
        var offsets = Enumerable.Range(0, ids.Count).Select(j => Math.Min(tokenizer.Decode(ids.Take(j).ToList()).Length, text.Length)).ToList();
        return new CompletionLogprobs(ids.Select(Name).ToList(), steps.Select(s => s.LogProb).ToList(), top, offsets);
    }
}
