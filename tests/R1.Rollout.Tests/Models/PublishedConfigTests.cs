using R1.Rollout.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

/// <summary>
/// The real <c>config.json</c> of published checkpoints (testdata/models, see its README) load, validate and build a model
/// with exactly the published parameter count. The model is built on the <c>meta</c> device, so no weights are allocated.
/// </summary>
[TestFixture]
public class PublishedConfigTests
{
    // Expected counts are the totals that the Hugging Face model pages show (the sum over the checkpoint's safetensors),
    // not numbers computed by this code base. Qwen3-0.6B is tied but its checkpoint also stores lm_head.weight
    // (151,936 × 1,024), which a tied model counts once; its model card says 0.6B total, 0.44B without embeddings.
    private static readonly object[] Published =
    [
        new object[] { "Qwen2.5-0.5B", 494_032_768L },
        new object[] { "Qwen2.5-0.5B-Instruct", 494_032_768L },
        new object[] { "Qwen2.5-1.5B", 1_543_714_304L },
        new object[] { "Qwen2.5-7B", 7_615_616_512L },
        new object[] { "DeepSeek-R1-Distill-Qwen-1.5B", 1_777_088_000L },
        new object[] { "DeepSeek-R1-Distill-Llama-8B", 8_030_261_248L },
        new object[] { "Qwen3-0.6B", 751_632_384L - 151_936L * 1_024L },
        new object[] { "Qwen3-8B", 8_190_735_360L },
    ];

    private static ModelConfig Load(string model) => ModelConfig.Load(TestPaths.TestData($"models/{model}"));

    [TestCaseSource(nameof(Published))]
    public void Config_loads_validates_and_has_the_published_parameter_count(string model, long expected)
    {
        var config = Load(model);
        config.Invoking(c => c.Validate()).Should().NotThrow();
        MetaParameterCount(config).Should().Be(expected, $"{model} is published with {expected:N0} parameters");
    }

    [TestCase("Qwen2.5-0.5B")]
    [TestCase("DeepSeek-R1-Distill-Qwen-1.5B")]
    public void Small_vocabulary_shortcut_counts_exactly_what_the_full_model_holds(string model)
    {
        var config = Load(model);   // tied, untied; the vocabulary cut to 8,192 rows to keep the full build fast
        (config.VocabSize, config.BosTokenId, config.EosTokenIds) = (8_192, null, null);
        using var full = OnMeta(config);
        full.Device.type.Should().Be(DeviceType.META, "no weights are allocated");
        MetaParameterCount(config).Should().Be(full.ParameterCount);
    }

    [Test]
    public void Qwen3_heads_are_128_wide_although_hidden_over_heads_is_64()
    {
        var config = Load("Qwen3-0.6B");
        (config.HiddenSize / config.NumAttentionHeads).Should().Be(64);
        config.HeadDim.Should().Be(128);
        config.QkvBias.Should().BeFalse();
        config.OutputBias.Should().BeFalse();
        using var meta = OnMeta(WithSmallVocab(config));
        var shapes = meta.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        shapes["model.layers.27.self_attn.q_proj.weight"].Should().Equal(16 * 128, 1024);
        shapes["model.layers.27.self_attn.k_proj.weight"].Should().Equal(8 * 128, 1024);
        shapes["model.layers.27.self_attn.o_proj.weight"].Should().Equal(1024, 16 * 128);
        shapes["model.layers.27.self_attn.q_norm.weight"].Should().Equal(128);
        shapes["model.layers.27.self_attn.k_norm.weight"].Should().Equal(128);
        shapes.Keys.Should().NotContain(k => k.EndsWith(".bias"));
    }

    [Test]
    public void Qwen3_head_dim_defaults_to_128_like_the_hugging_face_config_class()
    {
        var config = Load("Qwen3-0.6B");
        config.HeadDimOverride = null;
        config.HeadDim.Should().Be(128);
        config.ModelType = "qwen2";
        config.HeadDim.Should().Be(64, "Qwen2 and Llama derive it from hidden_size / num_attention_heads");
    }

    [Test]
    public void Llama_distill_keeps_its_llama3_rope_scaling_and_round_trips_through_json()
    {
        var config = Load("DeepSeek-R1-Distill-Llama-8B");
        config.RopeScaling!.Kind.Should().Be("llama3");
        (config.RopeScaling.Factor, config.RopeScaling.LowFreqFactor, config.RopeScaling.HighFreqFactor).Should().Be((8.0, 1.0, 4.0));
        config.RopeScaling.OriginalMaxPositionEmbeddings.Should().Be(8192);
        var copy = config.Clone();
        copy.ToJson().Should().Be(config.ToJson());
        copy.Extra!.Keys.Should().Contain(["mlp_bias", "pretraining_tp"], "unknown fields survive a round trip");
    }

    [Test]
    public void Unsupported_qwen3_variants_fail_with_the_reason()
    {
        var config = Load("Qwen3-8B");
        config.RopeScaling = new RopeScaling { RopeType = "yarn", Factor = 4, OriginalMaxPositionEmbeddings = 32768 };
        config.Invoking(c => c.Validate()).Should().Throw<InvalidDataException>().WithMessage("*rope_scaling type 'yarn' is not supported*");
        var wrongClass = Load("Qwen3-8B");
        wrongClass.ModelType = "qwen2";
        wrongClass.Invoking(c => c.Validate()).Should().Throw<InvalidDataException>()
            .WithMessage("*architectures [Qwen3ForCausalLM] do not match model_type 'qwen2'*");
        var badHead = Load("Qwen3-0.6B");
        badHead.HeadDimOverride = 0;
        badHead.Invoking(c => c.Validate()).Should().Throw<InvalidDataException>().WithMessage("*head_dim must be positive (got 0)*");
    }

    /// <summary>
    /// The parameter count of the model built on meta with a 64-row vocabulary, plus the rows left out: the vocabulary only
    /// sizes the embedding and (untied) lm_head, [vocab, hidden] each. TorchSharp's meta embedding still costs seconds per
    /// 100M rows, so this keeps the test fast while every decoder layer is built at its real size.
    /// </summary>
    private static long MetaParameterCount(ModelConfig config)
    {
        using var meta = OnMeta(WithSmallVocab(config));
        long rowsLeftOut = (long)(config.VocabSize - SmallVocab) * config.HiddenSize * (config.TieWordEmbeddings ? 1 : 2);
        return meta.ParameterCount + rowsLeftOut;
    }

    private const int SmallVocab = 64;

    private static ModelConfig WithSmallVocab(ModelConfig config)
    {
        var small = config.Clone();
        (small.VocabSize, small.BosTokenId, small.EosTokenIds) = (SmallVocab, null, null);
        return small;
    }

    /// <summary>Builds the model with meta tensors (shapes only); the default device is restored afterwards.</summary>
    private static CausalLM OnMeta(ModelConfig config)
    {
        var previous = get_default_device();
        set_default_device(new Device(DeviceType.META));
        try { return new CausalLM(config); }
        finally { set_default_device(previous); }
    }
}
