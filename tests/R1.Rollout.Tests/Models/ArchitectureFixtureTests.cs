using R1.Rollout.Batching;
using R1.Rollout.Checkpoints;
using R1.Rollout.Generation;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

/// <summary>
/// Qwen3 (q_norm/k_norm, head_dim 32 ≠ hidden/heads 16) and Llama-3 (rope_scaling llama3, untied, no biases, 4:1 GQA)
/// against the independent numpy reference of tests/reference/models/generate.py (testdata/fixtures/{qwen3,llama3}-tiny).
/// </summary>
[TestFixture("qwen3-tiny")]
[TestFixture("llama3-tiny")]
public sealed class ArchitectureFixtureTests(string name)
{
    private const int Vocab = 320;

    [Test]
    public void Plain_batch_logits_match_reference()
    {
        var fx = Fixture.Named(name);
        using var model = fx.LoadModel();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.forward(tensor(fx.Ints("plain", "input_ids")), tensor(fx.Ints("plain", "attention_mask")), null, null);
        logits.shape.Should().Equal(2, 12, Vocab);
        var expected = tensor(fx.Logits("plain")).view(2, 12, Vocab);
        (logits - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Test]
    public void Left_padded_logits_match_reference_where_mask_is_one()
    {
        var fx = Fixture.Named(name);
        using var model = fx.LoadModel();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mask = tensor(fx.Ints("left_padded", "attention_mask"));
        var logits = model.forward(tensor(fx.Ints("left_padded", "input_ids")), mask, PromptBatch.PositionIds(mask), null);
        logits.isfinite().all().item<bool>().Should().BeTrue("padding rows must not produce NaN");
        var diff = (logits - tensor(fx.Logits("left_padded")).view(2, 12, Vocab)).abs() * mask.unsqueeze(-1);
        diff.max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Test]
    public void Greedy_generation_with_kv_cache_reproduces_reference_ids()
    {
        var fx = Fixture.Named(name);
        using var policy = FixturePolicy.Load(fx);
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = fx.Int("greedy", "max_new_tokens"), EosIds = [] };
        var result = policy.Generate([fx.IntList("greedy", "prompt_ids")], options);
        result[0].CompletionIds.Should().Equal(fx.IntList("greedy", "generated_ids"));
        result[0].FinishReason.Should().Be(FinishReason.Length);
    }

    [Test]
    public void Saved_folder_keeps_hugging_face_names_and_config_and_reloads_to_the_same_logits()
    {
        var fx = Fixture.Named(name);
        string dir = Path.Combine(Path.GetTempPath(), "r1-arch-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var policy = FixturePolicy.Load(fx);
            policy.Save(dir);
            var reference = new SafeTensorsReader(Path.Combine(fx.Folder, CheckpointFolder.SingleFile));
            using (reference)
            using (var saved = new SafeTensorsReader(Path.Combine(dir, CheckpointFolder.SingleFile)))
            {
                saved.Entries.Keys.Should().BeEquivalentTo(reference.Entries.Keys, "the saved keys are the reference's HF names");
                saved.Entries.ContainsKey("model.layers.1.self_attn.q_norm.weight").Should().Be(name == "qwen3-tiny");
            }
            var config = R1.Rollout.Models.ModelConfig.Load(dir);
            config.ModelType.Should().Be(fx.Config.ModelType);
            config.HeadDim.Should().Be(fx.Config.HeadDim);
            using var reloaded = Policy.Load(dir);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var ids = tensor(fx.Ints("plain", "input_ids"));
            var before = policy.Model.forward(ids, null, null, null);
            reloaded.Model.forward(ids, null, null, null).eq(before).all().item<bool>().Should().BeTrue("the reload is exact");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
