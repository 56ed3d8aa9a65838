using R1.Rollout.Models;

namespace R1.Rollout.Tests.Models;

[TestFixture]
public class ModelConfigTests
{
    [Test]
    public void Loads_fixture_config_with_qwen2_defaults()
    {
        var c = ModelConfig.Load(TestPaths.TestData("fixtures/qwen2-tiny/untied"));
        c.ModelType.Should().Be("qwen2");
        c.HeadDim.Should().Be(16);
        c.KeyValueHeads.Should().Be(2);
        c.QkvBias.Should().BeTrue();
        c.OutputBias.Should().BeFalse();
        c.EosTokenIds.Should().Equal(2);
    }

    [Test]
    public void Save_load_round_trip_keeps_fields_and_unknown_keys()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        var c = ModelConfig.Load(TestPaths.TestData("fixtures/qwen2-tiny/tied"));
        c.Save(dir);
        var back = ModelConfig.Load(dir);
        back.ToJson().Should().Be(c.ToJson());
        back.Extra.Should().ContainKey("architectures");
        Directory.Delete(dir, true);
    }

    [Test]
    public void Llama_config_with_list_eos_and_llama3_rope_scaling_parses()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path, """
            {"model_type":"llama","vocab_size":100,"hidden_size":64,"intermediate_size":128,"num_hidden_layers":2,
             "num_attention_heads":4,"num_key_value_heads":2,"eos_token_id":[7,8],"rope_theta":500000.0,
             "rope_scaling":{"rope_type":"llama3","factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,"original_max_position_embeddings":8192}}
            """);
        var c = ModelConfig.Load(path);
        c.EosTokenIds.Should().Equal(7, 8);
        c.QkvBias.Should().BeFalse();
        c.RopeScaling!.Kind.Should().Be("llama3");
    }

    [TestCase("\"dtype\":\"bfloat16\"", "bfloat16")]
    [TestCase("\"dtype\":\"bfloat16\",\"torch_dtype\":\"float32\"", "float32")]
    [TestCase("\"hidden_act\":\"silu\"", "float32")]
    public void Newer_dtype_key_is_used_when_torch_dtype_is_absent(string extra, string expected)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path,
            "{\"model_type\":\"qwen2\",\"vocab_size\":10,\"hidden_size\":8,\"intermediate_size\":16,\"num_hidden_layers\":1," +
            "\"num_attention_heads\":2," + extra + "}");
        ModelConfig.Load(path).TorchDType.Should().Be(expected);
    }

    [Test]
    public void Invalid_config_lists_every_problem()
    {
        var c = ModelConfig.Tiny(50);
        c.NumAttentionHeads = 3; c.NumKeyValueHeads = 2; c.VocabSize = 0; c.ModelType = "gpt2";
        var act = () => c.Validate();
        act.Should().Throw<InvalidDataException>()
           .WithMessage(
               "*model_type 'gpt2'*vocab_size must be positive*not divisible by num_attention_heads 3*not a multiple of num_key_value_heads 2*");
    }

    [Test]
    public void Bad_json_names_the_file()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "config.json");
        File.WriteAllText(path, "{ not json");
        var act = () => ModelConfig.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*not a valid config.json*");
    }

    [Test]
    public void Presets_have_the_documented_sizes()
    {
        using var tiny = new CausalLM(ModelConfig.Tiny(100));
        using var small = new CausalLM(ModelConfig.Small(100));
        tiny.ParameterCount.Should().BeInRange(500_000, 1_000_000);
        small.ParameterCount.Should().BeInRange(9_000_000, 12_000_000);
    }
}
