using R1.Cli.Configuration;
using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary>Config files: YAML and JSON give the same settings; key spellings; clear errors and a nonzero exit.</summary>
public sealed class ConfigTests
{
    private const string Yaml = """
        model: tiny
        seed: 7
        data: { path: train.jsonl, prompt: question }
        grpo:
          max-steps: 3
          learning_rate: 1e-4
          rewards: { math: 1.0, format: 0.5 }
        eval:
          benchmark: gsm8k
          samples: 2
          temperature: 0.6
        """;

    private const string Json = """
        { "model": "tiny", "seed": 7, "data": { "path": "train.jsonl", "prompt": "question" },
          "grpo": { "maxSteps": 3, "learningRate": 0.0001, "rewards": { "math": 1.0, "format": 0.5 } },
          "eval": { "benchmark": "gsm8k", "samples": 2, "temperature": 0.6 } }
        """;

    [Test]
    public void Yaml_and_json_with_the_same_keys_parse_to_the_same_settings()
    {
        var yaml = ConfigLoader.Parse(Yaml, "r1.yaml");
        var json = ConfigLoader.Parse(Json, "r1.json");
        foreach (var c in new[] { yaml, json })
        {
            var grpo = R1Config.Section(c.Grpo, c);
            (grpo.Model, grpo.Seed, grpo.MaxSteps, grpo.LearningRate).Should().Be(("tiny", 7, 3, 1e-4));
            grpo.Rewards.Should().BeEquivalentTo(new Dictionary<string, double> { ["math"] = 1.0, ["format"] = 0.5 });
            grpo.Data!.Prompt.Should().Be("question");
            var eval = R1Config.Section(c.Eval, c);
            (eval.Benchmark, eval.Samples, eval.Temperature, eval.Seed).Should().Be(("gsm8k", 2, 0.6, 7));
        }
    }

    [Test]
    public void A_section_key_beats_the_top_level_and_data_fields_merge()
    {
        var c = ConfigLoader.Parse("model: tiny\ndata: {path: a.jsonl, prompt: q}\nsft: {model: base, data: {answer: gold}}\n", "r1.yaml");
        var sft = R1Config.Section(c.Sft, c);
        (sft.Model, sft.Data!.Path, sft.Data.Prompt, sft.Data.Answer).Should().Be(("base", "a.jsonl", "q", "gold"));
    }

    [TestCase("sft:\n  maxStepz: 3\n", "unknown key 'sft.maxstepz'*")]
    [TestCase("sft: [1, 2\n", "*not valid YAML*")]
    [TestCase("{ \"sft\": { \"epochs\": \"many\" } }", "the value of 'sft.epochs' should be a whole number.")]
    [TestCase("grpo:\n  rewards: [math, format]\n", "the value of 'grpo.rewards' should be a mapping of names to numbers.")]
    [TestCase("sft: 3\n", "the value of 'sft' should be a mapping of keys to values.")]
    [TestCase("data: {path: a.jsonl, colour: red}\n", "*Unknown key 'data.colour'*")]
    public void A_bad_config_is_a_cli_error_naming_the_problem(string text, string message)
    {
        FluentActions.Invoking(() => ConfigLoader.Parse(text, text.StartsWith('{') ? "bad.json" : "bad.yaml"))
            .Should().Throw<CliException>().WithMessage($"Config 'bad.*{message}");
    }

    [Test]
    public void A_missing_or_bad_config_file_ends_with_one_error_line_and_exit_code_1()
    {
        var cli = new R1Tool();
        var missing = cli.Run("sft", "--config", "/no/such/r1.yaml");
        missing.ExitCode.Should().Be(1);
        missing.Output.Should().Be("error: Config file not found: '/no/such/r1.yaml'.");

        string dir = TinyData.TempFolder();
        string bad = Path.Combine(dir, "r1.yaml");
        File.WriteAllText(bad, "sft:\n  epochs: 2\n  colour: blue\n");
        var unknown = cli.Run("sft", "--config", bad);
        unknown.ExitCode.Should().Be(1);
        unknown.Output.Should().StartWith("error: Config").And.Contain("colour").And.NotContain("   at ");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Missing_inputs_are_named()
    {
        var cli = new R1Tool();
        cli.Run("sft", "--model", "micro").Output.Should().Contain("No data");
        cli.Run("sft", "--model", "micro", "--data", "/no/such.jsonl", "--output", "x").Output.Should().Contain("Data file not found");
        cli.Run("grpo", "--model", "nonesuch", "--data", TestPaths.TestData("data/gsm8k/test.jsonl"), "--output", "x")
            .Output.Should().Contain("neither a folder nor a preset");
        cli.Run("eval", "--model", "micro", "--benchmark", "mmlu").Output.Should().Contain("Unknown benchmark 'mmlu'");
        cli.Run("sft", "--max-steps", "many").ExitCode.Should().NotBe(0, "a flag that does not parse is an error too");
    }
}
