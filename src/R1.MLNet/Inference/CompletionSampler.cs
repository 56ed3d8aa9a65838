using R1.Rollout;
using R1.Rollout.Generation;

namespace R1.MLNet.Inference;

/// <summary>
/// Samples k completions per question, several questions per batched generate call, with the trainers' conventions:
/// the input is <c>format(question) + prefix</c> and the returned completion text starts with the prefix.
/// </summary>
internal static class CompletionSampler
{
    /// <summary>k completions of one question.</summary>
    public static IReadOnlyList<string> Sample(Policy policy, string question, int k, SamplingSettings settings, long seed) =>
        SampleGroups(policy, [question], k, settings, seed)[0];

    /// <summary><c>[i][j]</c>: completion j of question i, all generated in one batch seeded with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SampleGroups(Policy policy, IReadOnlyList<string> questions, int k, SamplingSettings settings, long seed)
    {
        var prompts = questions.Select(q => policy.Tokenizer.Encode(settings.FormatPrompt(q) + settings.CompletionPrefix)).ToList();
        var options = new SamplingOptions
        {
            MaxNewTokens = settings.MaxNewTokens,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            StopStrings = settings.StopStrings,
            Seed = seed,
        };
        return new RolloutGenerator(policy.Model, policy.Tokenizer, policy.Device).GenerateGroups(prompts, k, options)
            .Select(group => (IReadOnlyList<string>)group.Select(r => settings.CompletionPrefix + r.Text).ToArray())
            .ToList();
    }
}
