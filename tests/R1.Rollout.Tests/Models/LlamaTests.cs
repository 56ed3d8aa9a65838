using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

[TestFixture]
public class LlamaTests
{
    private static ModelConfig Llama(bool bias = false, RopeScaling? scaling = null) => new()
    {
        ModelType = "llama", VocabSize = 50, HiddenSize = 64, IntermediateSize = 96, NumHiddenLayers = 2,
        NumAttentionHeads = 4, NumKeyValueHeads = 1, MaxPositionEmbeddings = 128, RopeTheta = 500000, AttentionBias = bias, RopeScaling = scaling,
    };

    [Test]
    public void Llama_has_no_biases_by_default_and_o_proj_bias_with_attention_bias()
    {
        using var plain = new CausalLM(Llama());
        plain.state_dict().Keys.Should().NotContain(k => k.EndsWith(".bias"));
        plain.state_dict().Keys.Should().Contain("lm_head.weight");
        using var biased = new CausalLM(Llama(bias: true));
        biased.state_dict().Keys.Should().Contain(["model.layers.0.self_attn.q_proj.bias", "model.layers.0.self_attn.o_proj.bias"]);
    }

    [Test]
    public void Qwen2_weight_names_match_hugging_face()
    {
        using var model = new CausalLM(ModelConfig.Tiny(40));
        model.state_dict().Keys.Should().Contain([
            "model.embed_tokens.weight", "model.layers.3.self_attn.q_proj.weight", "model.layers.3.self_attn.k_proj.bias",
            "model.layers.3.self_attn.o_proj.weight", "model.layers.3.mlp.gate_proj.weight", "model.layers.3.mlp.down_proj.weight",
            "model.layers.3.input_layernorm.weight", "model.layers.3.post_attention_layernorm.weight", "model.norm.weight"]);
        model.state_dict().Keys.Should()
            .NotContain(["lm_head.weight", "model.layers.0.self_attn.o_proj.bias"], "tied, and Qwen2's o_proj has no bias");
    }

    [Test]
    public void Llama3_rope_scaling_keeps_high_frequencies_and_divides_low_ones()
    {
        var scaling = new RopeScaling { RopeType = "llama3", Factor = 8, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 64 };
        var config = Llama(scaling: scaling);
        using var plain = new RotaryEmbedding(Llama());
        using var scaled = new RotaryEmbedding(config);
        for (int i = 0; i < plain.InverseFrequencies.Count; i++)
        {
            double f = plain.InverseFrequencies[i], wavelen = 2 * Math.PI / f, s = scaled.InverseFrequencies[i];
            if (wavelen < 64 / 4.0) s.Should().Be(f, $"component {i} is high-frequency");
            else if (wavelen > 64 / 1.0) s.Should().BeApproximately(f / 8, f * 1e-6, $"component {i} is low-frequency");
            else s.Should().BeInRange(f / 8 * 0.999999, f * 1.000001, $"component {i} is interpolated");
        }
        scaled.InverseFrequencies.Zip(plain.InverseFrequencies).Should().Contain(p => p.First < p.Second);
    }

    [Test]
    public void Forward_rejects_mismatched_shapes_with_clear_errors()
    {
        using var model = new CausalLM(Llama());
        using var scope = NewDisposeScope();
        var ids = tensor(new long[,] { { 1, 2, 3 } });
        model.Invoking(m => m.forward(ids, ones(1, 4, ScalarType.Int64), null, null))
            .Should().Throw<ArgumentException>().WithMessage("attentionMask must be [1, 3]*");
        model.Invoking(m => m.forward(ids, null, zeros(1, 2, ScalarType.Int64), null))
            .Should().Throw<ArgumentException>().WithMessage("positionIds must be [1, 3]*");
        model.Invoking(m => m.forward(tensor(new long[] { 1, 2 }), null, null, null))
            .Should().Throw<ArgumentException>().WithMessage("inputIds must be [batch, tokens]*");
        model.Invoking(m => m.forward(zeros(1, 129, ScalarType.Int64), null, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*129 tokens*max_position_embeddings = 128*");
    }

    [Test]
    public void Llama_forward_with_cache_matches_full_forward()
    {
        var config = Llama(scaling: new RopeScaling { RopeType = "llama3", Factor = 8, OriginalMaxPositionEmbeddings = 32 });
        using var model = new CausalLM(config);
        model.InitializeWeights(3);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[,] { { 1, 5, 9, 14, 20, 33, 41, 7 } });
        var full = model.forward(ids, null, null, null);
        using var cache = new KvCache(config, 1, 8, CPU, ScalarType.Float32);
        var prefix = model.forward(ids.narrow(1, 0, 5), null, null, cache);
        var rest = model.forward(ids.narrow(1, 5, 3), null, null, cache);
        cache.Length.Should().Be(8);
        (cat([prefix, rest], 1) - full).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
