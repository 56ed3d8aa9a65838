using R1.Rollout.Batching;
using R1.Rollout.Generation;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

[TestFixture]
public class FixtureParityTests
{
    [TestCase("untied")]
    [TestCase("tied")]
    public void Plain_batch_logits_match_reference(string variant)
    {
        var fx = new Fixture(variant);
        using var model = fx.LoadModel();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.forward(tensor(fx.Ints("plain", "input_ids")), tensor(fx.Ints("plain", "attention_mask")), null, null);
        logits.shape.Should().Equal(2, 12, 320);
        var expected = tensor(fx.Logits("plain")).view(2, 12, 320);
        (logits - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [TestCase("untied")]
    [TestCase("tied")]
    public void Left_padded_logits_match_reference_where_mask_is_one(string variant)
    {
        var fx = new Fixture(variant);
        using var model = fx.LoadModel();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mask = tensor(fx.Ints("left_padded", "attention_mask"));
        var logits = model.forward(tensor(fx.Ints("left_padded", "input_ids")), mask, PromptBatch.PositionIds(mask), null);
        var expected = tensor(fx.Logits("left_padded")).view(2, 12, 320);
        logits.isfinite().all().item<bool>().Should().BeTrue("padding rows must not produce NaN");
        var diff = (logits - expected).abs() * mask.unsqueeze(-1);
        diff.max().item<float>().Should().BeLessThan(1e-4f);
    }

    [TestCase("untied")]
    [TestCase("tied")]
    public void Greedy_generation_with_kv_cache_reproduces_reference_ids(string variant)
    {
        var fx = new Fixture(variant);
        using var policy = FixturePolicy.Load(fx);
        var prompt = fx.IntList("greedy", "prompt_ids");
        var result = policy.Generate([prompt], new SamplingOptions { Greedy = true, MaxNewTokens = fx.Int("greedy", "max_new_tokens"), EosIds = [] });
        result[0].CompletionIds.Should().Equal(fx.IntList("greedy", "generated_ids"));
        result[0].FinishReason.Should().Be(FinishReason.Length);
    }

    [Test]
    public void Greedy_generation_of_padded_batch_matches_single_rows()
    {
        var fx = new Fixture("untied");
        using var policy = FixturePolicy.Load(fx);
        var prompt = fx.IntList("greedy", "prompt_ids");
        int[] shortPrompt = [5, 9, 13];
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = 10, EosIds = [] };
        var batch = policy.Generate([prompt, shortPrompt], options);
        batch[0].CompletionIds.Should().Equal(fx.IntList("greedy", "generated_ids"));
        batch[1].CompletionIds.Should().Equal(policy.Generate([shortPrompt], options)[0].CompletionIds);
    }
}
