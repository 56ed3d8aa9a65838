using R1.Rollout.Generation;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Generation;

/// <summary>
/// Checkpoints pad vocab_size beyond the tokenizer (Qwen2.5: 151,936 rows for about 151,665 ids). Those rows have no text, so
/// sampling never picks them: before this, such an id reached <c>Decode</c> and threw "not in the vocabulary".
/// </summary>
public class PaddedVocabularyTests
{
    [Test]
    public void Ids_of_padded_vocabulary_rows_are_never_sampled_and_every_completion_decodes()
    {
        var tokenizer = CharTokenizer.CreateDefault();
        int padded = 4 * tokenizer.VocabSize;                 // three quarters of the rows have no token: random logits favour them
        var config = ModelConfig.Tiny(padded);
        config.HiddenSize = 32; config.IntermediateSize = 64; config.NumHiddenLayers = 1; config.NumAttentionHeads = 2;
        config.NumKeyValueHeads = 1;
        using var policy = Policy.Create(config, tokenizer, new PolicyOptions { Seed = 3, NumThreads = 1 });
        IReadOnlyList<int>[] prompts = [.. Enumerable.Range(0, 16).Select(i => (IReadOnlyList<int>)tokenizer.Encode($"{i}+{i}="))];

        foreach (var options in new[]
        {
            new SamplingOptions { Seed = 1, MaxNewTokens = 24, Temperature = 1.0, EosIds = [] },
            new SamplingOptions { Seed = 2, MaxNewTokens = 24, Temperature = 0.7, TopP = 0.95, TopK = 50, EosIds = [] },
            new SamplingOptions { MaxNewTokens = 8, Greedy = true, EosIds = [] },
        })
        {
            var results = policy.Generate(prompts, options);
            results.SelectMany(r => r.CompletionIds).Should().HaveCount(16 * options.MaxNewTokens)
                .And.OnlyContain(id => id >= 0 && id < tokenizer.VocabSize);
            results.Should().OnlyContain(r => r.Text.Length > 0);
            results.SelectMany(r => r.LogProbs).Should().OnlyContain(lp => lp <= 0 && float.IsFinite(lp));
        }
    }
}
