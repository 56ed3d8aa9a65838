using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>Tiny randomly initialized policies (character vocabulary, ~0.9M parameters).</summary>
internal static class TinyPolicies
{
    public static CharTokenizer Tokenizer { get; } = CharTokenizer.CreateDefault();

    public static ModelConfig Config => ModelConfig.Tiny(Tokenizer.VocabSize);

    public static Policy Create(long seed = 1) => Policy.Create(Config, Tokenizer, new PolicyOptions { Seed = seed });
}
