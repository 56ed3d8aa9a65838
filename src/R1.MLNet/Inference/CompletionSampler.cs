using R1.Rollout;
using R1.Rollout.Generation;

namespace R1.MLNet.Inference;

/// <summary>Samples k completions of one question in a single batch (the same conventions as the trainers: the completion prefix is prefilled and kept in the text).</summary>
internal static class CompletionSampler
{
    public static IReadOnlyList<string> Sample(Policy policy, string question, int k, SamplingSettings settings, long seed)
    {
        string input = settings.FormatPrompt(question) + settings.CompletionPrefix;
        var ids = policy.Tokenizer.Encode(input);
        var prompts = Enumerable.Repeat(ids, k).ToList();
        var options = new SamplingOptions
        {
            MaxNewTokens = settings.MaxNewTokens,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            Seed = seed,
        };
        var results = new RolloutGenerator(policy).Generate(prompts, options);
        return results.Select(r => settings.CompletionPrefix + r.Text).ToArray();
    }
}
