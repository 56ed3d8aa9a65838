using System.Buffers.Binary;
using System.Text.Json;
using R1.Rollout.Lora;
using R1.Rollout.Tests.Models;

namespace R1.Rollout.Tests.Lora;

/// <summary>
/// The saved adapter against PEFT's documented layout (PEFT's "Checkpoint format" guide and <c>LoraConfig</c> reference): the
/// weights file <c>adapter_model.safetensors</c> keys each tensor <c>base_model.model.</c> + the module path + <c>.lora_A.weight</c>
/// or <c>.lora_B.weight</c> (the adapter name "default" is not in the key), A is [r, in_features], B is [out_features, r]; the
/// config <c>adapter_config.json</c> holds <c>peft_type</c> "LORA", <c>task_type</c> "CAUSAL_LM", <c>r</c>, <c>lora_alpha</c>,
/// <c>lora_dropout</c>, <c>target_modules</c>, <c>bias</c> "none", <c>fan_in_fan_out</c> false and <c>base_model_name_or_path</c>.
/// The header is read here with a plain JSON parser, not with the project's reader.
/// </summary>
[TestFixture]
public class PeftLayoutTests
{
    private string _dir = null!;

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("r1-peft-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, true);

    private static Dictionary<string, long[]> SafetensorsShapes(string file)
    {
        var bytes = File.ReadAllBytes(file);
        long n = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        return doc.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__")
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
    }

    [Test]
    public void Adapter_files_use_peft_key_names_shapes_and_config_fields()
    {
        using var policy = FixturePolicy.Tiny(seed: 3);   // hidden 64, intermediate 128, 2 layers, 4 heads of 16, 2 KV heads
        policy.AddLora(new LoraOptions { Rank = 8, Alpha = 16, Dropout = 0.1, TargetModules = ["q_proj", "v_proj", "down_proj"] });
        policy.SaveAdapter(_dir, "Qwen/Qwen2.5-0.5B");

        var shapes = SafetensorsShapes(Path.Combine(_dir, "adapter_model.safetensors"));
        var expected = new Dictionary<string, long[]>();
        for (int layer = 0; layer < 2; layer++)
        {
            expected[$"base_model.model.model.layers.{layer}.self_attn.q_proj.lora_A.weight"] = [8, 64];
            expected[$"base_model.model.model.layers.{layer}.self_attn.q_proj.lora_B.weight"] = [64, 8];
            expected[$"base_model.model.model.layers.{layer}.self_attn.v_proj.lora_A.weight"] = [8, 64];
            expected[$"base_model.model.model.layers.{layer}.self_attn.v_proj.lora_B.weight"] = [32, 8];
            expected[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_A.weight"] = [8, 128];
            expected[$"base_model.model.model.layers.{layer}.mlp.down_proj.lora_B.weight"] = [64, 8];
        }
        shapes.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, shape) in expected) shapes[key].Should().Equal(shape, key);

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "adapter_config.json")));
        var root = config.RootElement;
        root.GetProperty("peft_type").GetString().Should().Be("LORA");
        root.GetProperty("task_type").GetString().Should().Be("CAUSAL_LM");
        root.GetProperty("r").GetInt32().Should().Be(8);
        root.GetProperty("lora_alpha").GetDouble().Should().Be(16);
        root.GetProperty("lora_dropout").GetDouble().Should().Be(0.1);
        root.GetProperty("target_modules").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo(["q_proj", "v_proj", "down_proj"]);
        root.GetProperty("bias").GetString().Should().Be("none");
        root.GetProperty("fan_in_fan_out").GetBoolean().Should().BeFalse();
        root.GetProperty("base_model_name_or_path").GetString().Should().Be("Qwen/Qwen2.5-0.5B");
    }

    [Test]
    public void A_hand_written_peft_config_reads_as_lora_options()
    {
        File.WriteAllText(Path.Combine(_dir, "adapter_config.json"), """
            { "base_model_name_or_path": "Qwen/Qwen2.5-0.5B", "bias": "none", "fan_in_fan_out": false, "inference_mode": true,
              "lora_alpha": 32, "lora_dropout": 0.05, "modules_to_save": null, "peft_type": "LORA", "r": 16,
              "target_modules": ["k_proj", "q_proj", "o_proj", "v_proj"], "task_type": "CAUSAL_LM", "use_rslora": false }
            """);
        var options = PeftAdapter.ReadOptions(_dir);
        options.Rank.Should().Be(16);
        options.Alpha.Should().Be(32);
        options.Dropout.Should().Be(0.05);
        options.Targets.Should().BeEquivalentTo(["q_proj", "k_proj", "v_proj", "o_proj"]);
    }

    [TestCase("\"peft_type\": \"IA3\"", "*peft_type*")]
    [TestCase("\"use_rslora\": true", "*use_rslora*")]
    [TestCase("\"bias\": \"all\"", "*bias*")]
    [TestCase("\"target_modules\": \".*proj\"", "*regular expression*")]
    [TestCase("\"target_modules\": [\"lm_head\"]", "*lm_head*")]
    [TestCase("\"r\": 0", "*Rank*")]
    public void Unsupported_or_bad_configs_fail_naming_the_field(string field, string message)
    {
        var fields = new Dictionary<string, string>
        {
            ["peft_type"] = "\"peft_type\": \"LORA\"", ["r"] = "\"r\": 4", ["lora_alpha"] = "\"lora_alpha\": 8",
            ["target_modules"] = "\"target_modules\": [\"q_proj\"]",
        };
        fields[field.Split('"')[1]] = field;
        File.WriteAllText(Path.Combine(_dir, "adapter_config.json"), "{" + string.Join(", ", fields.Values) + "}");
        var act = () => PeftAdapter.ReadOptions(_dir);
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Test]
    public void An_adapter_of_another_shape_is_rejected_naming_the_key()
    {
        string other = Path.Combine(_dir, "other");
        using (var wide = FixturePolicy.Tiny(seed: 3))
        {
            wide.AddLora(new LoraOptions { Rank = 4, TargetModules = ["q_proj"] });
            wide.SaveAdapter(other);
        }
        var config = File.ReadAllText(Path.Combine(other, "adapter_config.json")).Replace("\"r\": 4", "\"r\": 2");
        File.WriteAllText(Path.Combine(other, "adapter_config.json"), config);
        using var policy = FixturePolicy.Tiny(seed: 3);
        var act = () => policy.LoadAdapter(other);
        act.Should().Throw<InvalidDataException>().WithMessage("*wrong shape for base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight*");
    }
}
