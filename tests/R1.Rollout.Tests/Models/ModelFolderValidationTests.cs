using System.Text.Json.Nodes;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

[TestFixture]
public class ModelFolderValidationTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "r1-folder-validation-" + Guid.NewGuid().ToString("N"));
        using var policy = FixturePolicy.Tiny();
        policy.Save(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private void EditConfig(Action<JsonObject> edit)
    {
        string path = Path.Combine(_dir, "config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    [Test]
    public void Architectures_that_do_not_match_model_type_are_rejected()
    {
        EditConfig(c => c["architectures"] = new JsonArray("Qwen3ForCausalLM"));
        FluentActions.Invoking(() => ModelConfig.Load(_dir)).Should().Throw<InvalidDataException>()
            .WithMessage("*config.json*architectures [Qwen3ForCausalLM]*model_type 'qwen2'*Qwen2ForCausalLM*");
    }

    [Test]
    public void Sliding_window_attention_is_rejected_not_ignored()
    {
        EditConfig(c => c["use_sliding_window"] = true);
        FluentActions.Invoking(() => Policy.Load(_dir)).Should().Throw<InvalidDataException>().WithMessage("*config.json*use_sliding_window*");
        EditConfig(c => c["use_sliding_window"] = false);
        using var loaded = Policy.Load(_dir);
    }

    [Test]
    public void An_eos_id_outside_the_vocabulary_is_rejected()
    {
        EditConfig(c => c["eos_token_id"] = 100_000);
        FluentActions.Invoking(() => ModelConfig.Load(_dir)).Should().Throw<InvalidDataException>()
            .WithMessage("*config.json*eos_token_id 100000 is outside the vocabulary*");
    }

    [Test]
    public void Nan_weights_are_rejected_after_load_naming_the_tensor()
    {
        using (var policy = Policy.Load(_dir))
        {
            using (no_grad()) policy.Model.state_dict()["model.norm.weight"].fill_(float.NaN);
            policy.Save(_dir);
        }
        FluentActions.Invoking(() => Policy.Load(_dir)).Should().Throw<InvalidDataException>().WithMessage("*NaN*model.norm.weight*");
    }

    [Test]
    public void A_garbage_char_tokenizer_file_names_the_file()
    {
        string file = Path.Combine(_dir, CharTokenizer.FileName);
        File.WriteAllText(file, "{ not json");
        FluentActions.Invoking(() => TokenizerFiles.Load(_dir)).Should().Throw<InvalidDataException>().WithMessage($"*{CharTokenizer.FileName}*");
        File.WriteAllText(file, "{\"Type\":\"r1-char\"}");
        FluentActions.Invoking(() => CharTokenizer.Load(file)).Should().Throw<InvalidDataException>().WithMessage("*char_tokenizer.json*alphabet*");
    }
}
