using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

[TestFixture]
public class BFloat16Tests
{
    [Test]
    public void Bf16_policy_generates_and_scores_close_to_float32()
    {
        var fx = new Fixture("untied");
        using var f32 = FixturePolicy.Load(fx);
        using var bf16 = FixturePolicy.Load(fx, new PolicyOptions { DType = ScalarType.BFloat16 });
        bf16.DType.Should().Be(ScalarType.BFloat16);
        bf16.Model.parameters().Should().OnlyContain(p => p.dtype == ScalarType.BFloat16);

        var result = bf16.Generate([fx.IntList("greedy", "prompt_ids")], new SamplingOptions { Seed = 3, MaxNewTokens = 8, EosIds = [] })[0];
        result.CompletionIds.Should().HaveCount(8);
        result.LogProbs.Should().OnlyContain(lp => lp <= 0 && float.IsFinite(lp));

        IReadOnlyList<int>[] prompts = [[1, 2, 3], [4, 5]];
        IReadOnlyList<int>[] completions = [[10, 11], [12, 13, 14]];
        using var a = f32.ScoreCompletions(prompts, completions);
        using var b = bf16.ScoreCompletions(prompts, completions);
        b.LogProbs.dtype.Should().Be(ScalarType.Float32);
        (a.LogProbs - b.LogProbs).abs().max().item<float>().Should().BeLessThan(0.1f);
    }

    [Test]
    public void Created_policy_config_takes_eos_and_bos_from_the_tokenizer()
    {
        using var policy = FixturePolicy.Tiny();
        policy.Config.EosTokenIds.Should().Equal(policy.Tokenizer.EosIds);
        policy.Config.BosTokenId.Should().Be(policy.Tokenizer.BosId);
    }
}
